// Single sign-on's start-up check (server.ts): the OpenID Provider named by OIDC_ISSUER must
// answer its discovery document with metadata Rollcall can use, or the server refuses to start
// with the reason — better than a login button that fails for every student on the first morning.
// next-auth (openid-client) reads the same document again at each sign-in (`wellKnown`), so a
// provider that rotates its keys or endpoints is followed without a restart.
import { z } from "zod";

/** Where a provider publishes its metadata (OpenID Connect Discovery 1.0, section 4). */
export function wellKnownUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

const httpUrl = z.url({ protocol: /^https?$/ });
const IssuerMetadata = z.object({
  issuer: z.string(),
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  response_types_supported: z.array(z.string()).refine((types) => types.includes("code"), "does not offer the authorization code flow (response type code)"),
  id_token_signing_alg_values_supported: z.array(z.string()).min(1),
  code_challenge_methods_supported: z
    .array(z.string())
    .optional()
    .refine((methods) => methods === undefined || methods.includes("S256"), "does not offer PKCE with S256"),
});
export type IssuerMetadata = z.infer<typeof IssuerMetadata>;

/** Why the metadata cannot be used (null: it can). Pure. */
export function metadataProblem(issuer: string, body: unknown): string | null {
  const parsed = IssuerMetadata.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return `its metadata is invalid: ${first.path.join(".") || "document"} ${first.message}`;
  }
  if (parsed.data.issuer !== issuer) return `its metadata names the issuer ${JSON.stringify(parsed.data.issuer)}, not ${JSON.stringify(issuer)} (set OIDC_ISSUER exactly as the provider names itself)`;
  return null;
}

/**
 * Fetch and check the provider's discovery document. Resolves with null when usable, else with
 * one sentence saying why not (unreachable, an HTTP error, not JSON, invalid metadata).
 */
export async function issuerProblem(issuer: string, { timeoutMs = 20_000, fetchImpl = fetch }: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<string | null> {
  const url = wellKnownUrl(issuer);
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    return `the provider is unreachable at ${url} (${why})`;
  }
  if (!res.ok) return `the provider answered ${res.status} at ${url}`;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return `the provider's answer at ${url} is not JSON`;
  }
  return metadataProblem(issuer, body);
}
