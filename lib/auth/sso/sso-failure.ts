// Every way a single sign-on can fail ends on the login page with a code (`/login?error=<code>`:
// the page shows that code's fixed words, never text from the address) and, for sso_failed, an
// audit entry with the reason. Refusals of Rollcall's own (an unverified address, a deactivated
// account) are decided in lib/auth/sso/sign-in-with-sso.ts. Refusals of the library — a missing
// or foreign `state`, a replayed code, an ID token for another audience, expired or badly signed,
// a provider that is down — happen inside next-auth, which only redirects to its error page; the
// route (app/api/auth/[...nextauth]/route.ts) runs those requests through `withSsoFailures`, which
// collects what next-auth's logger said during the request and turns that redirect into ours.
import { AsyncLocalStorage } from "node:async_hooks";
import { recordAudit } from "../../audit/record";
import type { Ctx } from "../../context";
import { isAppError, type ErrorCode } from "../../errors";
import { errorFields, log } from "../../log";
import { redactSecrets } from "../../security/redact";
import { ssoFailed, type SsoFailureReason } from "./sso-identity";

const attempt = new AsyncLocalStorage<{ said: string[] }>();

/** next-auth's logger calls this: what the library said while handling this request (kept for the audit entry). */
export function noteLibraryError(code: string, metadata: unknown): void {
  const store = attempt.getStore();
  if (!store) return;
  const m = metadata as { error?: { message?: string }; message?: string; error_description?: string } | undefined;
  const message = m?.error?.message ?? m?.message ?? "";
  const description = m?.error_description ? ` (${m.error_description})` : "";
  store.said.push(redactSecrets(`${code}: ${message}${description}`).slice(0, 300));
}

/** Where the browser goes after a refused sign-in: the login page, which shows this code's words. */
export function loginErrorPath(code: ErrorCode): string {
  return `/login?error=${encodeURIComponent(code)}`;
}

export async function auditSsoFailure(ctx: Ctx, reason: SsoFailureReason, details: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(ctx.db, ctx, { action: "sso_failed", targetType: "user", details: { reason, ...details } });
}

/**
 * For the signIn callback: an error of the SSO use case becomes the login page's address. An
 * sso_failed is audited here (an account refusal was already audited as login_failed).
 */
export async function ssoRefusal(ctx: Ctx, error: unknown, claims: { email?: unknown; sub?: unknown }): Promise<string> {
  const who = { email: typeof claims.email === "string" ? claims.email.slice(0, 254) : null, subject: typeof claims.sub === "string" ? claims.sub.slice(0, 255) : null };
  if (isAppError(error)) {
    if (error.code === "sso_failed") await auditSsoFailure(ctx, (error.details as { reason: SsoFailureReason }).reason, who);
    return loginErrorPath(error.code);
  }
  log("error", "single sign-on failed", errorFields(error));
  await auditSsoFailure(ctx, "internal_error", who).catch(() => undefined);
  return loginErrorPath(ssoFailed("internal_error").code);
}

/** next-auth's own error names on its error page, as our reasons. */
function reasonOf(nextAuthError: string, providerSaid: string | null): SsoFailureReason {
  if (providerSaid === "access_denied") return "access_denied";
  if (nextAuthError === "OAuthSignin") return "provider_unavailable";
  return "provider_error";
}

/**
 * Run next-auth for /api/auth/signin/oidc and /api/auth/callback/oidc. When it answers with its
 * error page (a redirect, or `{url}` for a JSON sign-in), audit sso_failed with the reason and what
 * the library said, and send the browser to the login page with code sso_failed instead.
 */
export async function withSsoFailures(req: Request, ctxFor: () => Promise<Ctx>, run: () => Promise<Response>): Promise<Response> {
  const store = { said: [] as string[] };
  const res = await attempt.run(store, run);
  const isJson = (res.headers.get("content-type") ?? "").includes("json");
  const location = res.headers.get("location") ?? (isJson && res.status < 300 ? await urlInJson(res) : null);
  if (!location) return res;
  const target = new URL(location, req.url);
  if (target.pathname !== "/api/auth/error") return res;
  const nextAuthError = target.searchParams.get("error") ?? "Callback";
  const providerSaid = new URL(req.url).searchParams.get("error");
  const reason = reasonOf(nextAuthError, providerSaid);
  try {
    await auditSsoFailure(await ctxFor(), reason, { step: nextAuthError, provider_error: providerSaid?.slice(0, 100) ?? null, library: store.said.join(" | ").slice(0, 1000) || null });
  } catch (error) {
    log("error", "could not audit a failed single sign-on", errorFields(error));
  }
  const headers = new Headers(res.headers);
  const ours = new URL(loginErrorPath("sso_failed"), target).toString();
  if (isJson && !res.headers.get("location")) {
    headers.delete("content-length");
    return new Response(JSON.stringify({ url: ours }), { status: res.status, headers });
  }
  headers.set("location", ours);
  return new Response(null, { status: 302, headers });
}

async function urlInJson(res: Response): Promise<string | null> {
  try {
    const body = (await res.clone().json()) as { url?: unknown };
    return typeof body.url === "string" ? body.url : null;
  } catch {
    return null;
  }
}
