// Passkeys in integration tests: a second server on the shared database whose APP_URL is a
// domain (http://localhost:<port>; the shared server's APP_URL is an IP address, where passkeys
// are refused), and the ceremonies driven through its real endpoints by a SoftAuthenticator.
import { inject } from "vitest";
import { request, type ApiResponse, type RequestOptions } from "./api";
import { freePort, startServer, type TestServer } from "./test-server";
import { SoftAuthenticator, type AuthenticationJSON, type Tamper } from "./webauthn";

/**
 * A server on the shared test database, reached at 127.0.0.1 but configured as
 * http://localhost:<port> — or as `appUrl`, for several instances behind one public address.
 */
export async function startPasskeyServer(appUrl?: string): Promise<TestServer & { origin: string }> {
  const env = inject("serverEnv");
  const port = await freePort();
  const origin = appUrl ?? `http://localhost:${port}`;
  const server = await startServer(env.DATABASE_URL, { ...env, APP_URL: origin, PORT: String(port) });
  return { ...server, origin };
}

/** request() against an explicit server. */
export const at = <T = any>(base: string, method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => request<T>(method, new URL(path, base).toString(), opts); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Register a passkey for the token's user: options, the authenticator, verify (201). */
export async function addPasskey(base: string, token: string, auth: SoftAuthenticator, opts: { name?: string; tamper?: Tamper } = {}) {
  const options = await at(base, "POST", "/api/auth/passkeys/register/options", { token });
  if (options.status !== 200) throw new Error(`register/options: ${options.status} ${options.text}`);
  const response = auth.register(options.body, opts.tamper);
  return at(base, "POST", "/api/auth/passkeys/register/verify", { token, json: { response, ...(opts.name ? { name: opts.name } : {}) } });
}

/** A sign-in assertion for fresh login options (not yet sent). */
export async function signInAssertion(base: string, auth: SoftAuthenticator, tamper: Tamper & { credentialId?: string } = {}, ip?: string): Promise<AuthenticationJSON> {
  const options = await at(base, "POST", "/api/auth/passkeys/login/options", { ip });
  if (options.status !== 200) throw new Error(`login/options: ${options.status} ${options.text}`);
  return auth.assert(options.body, tamper);
}

export const verifySignIn = (base: string, response: AuthenticationJSON, opts: RequestOptions = {}) =>
  at(base, "POST", "/api/auth/passkeys/login/verify", { ...opts, json: { response } });

/** The whole passkey sign-in through the API. */
export async function passkeySignIn(base: string, auth: SoftAuthenticator, tamper: Tamper & { credentialId?: string } = {}, ip?: string) {
  return verifySignIn(base, await signInAssertion(base, auth, tamper, ip), { ip });
}
