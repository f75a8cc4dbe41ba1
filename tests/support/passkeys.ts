// Passkeys in integration tests: the ceremonies driven through the real endpoints by a
// SoftAuthenticator. The shared test server's APP_URL is http://localhost:<port> (passkeys need
// a domain), while clients connect to 127.0.0.1.
import { inject } from "vitest";
import { baseUrl, request, type ApiResponse, type RequestOptions } from "./api";
import { stepUp } from "./factories";
import { freePort, startServer, type TestServer } from "./test-server";
import { SoftAuthenticator, type AuthenticationJSON, type Tamper } from "./webauthn";

/** The origin browsers see: the shared server's APP_URL. */
export const appOrigin = () => new URL(inject("serverEnv").APP_URL).origin;

/** A software authenticator on the shared server's origin. */
export const softAuthenticator = (aaguid?: Buffer) => new SoftAuthenticator(appOrigin(), aaguid);

/** Another instance on the shared database behind the same public address (PostgreSQL only: SQLite is one process). */
export async function startInstance(): Promise<TestServer> {
  const env = inject("serverEnv");
  return startServer(env.DATABASE_URL, { ...env, PORT: String(await freePort()) });
}

/** request() against an explicit server (default: the shared one). */
export const at = <T = any>(base: string | undefined, method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => request<T>(method, new URL(path, base ?? baseUrl()).toString(), opts); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Register a passkey for the token's user: step-up with the password (adding a passkey needs a
 * fresh proof of presence; `stepUp: false` to leave it out), options, the authenticator, verify (201).
 */
export async function addPasskey(token: string, auth: SoftAuthenticator, opts: { name?: string; tamper?: Tamper; base?: string; stepUp?: boolean } = {}) {
  if (opts.stepUp !== false) await stepUp(token, opts.base);
  const options = await at(opts.base, "POST", "/api/auth/passkeys/register/options", { token });
  if (options.status !== 200) throw new Error(`register/options: ${options.status} ${options.text}`);
  const response = auth.register(options.body, opts.tamper);
  return at(opts.base, "POST", "/api/auth/passkeys/register/verify", { token, json: { response, ...(opts.name ? { name: opts.name } : {}) } });
}

/** A sign-in assertion for fresh login options (not yet sent). */
export async function signInAssertion(auth: SoftAuthenticator, tamper: Tamper & { credentialId?: string } = {}, ip?: string): Promise<AuthenticationJSON> {
  const options = await at(undefined, "POST", "/api/auth/passkeys/login/options", { ip });
  if (options.status !== 200) throw new Error(`login/options: ${options.status} ${options.text}`);
  return auth.assert(options.body, tamper);
}

export const verifySignIn = (response: AuthenticationJSON, opts: RequestOptions = {}) =>
  at(undefined, "POST", "/api/auth/passkeys/login/verify", { ...opts, json: { response } });

/** The whole passkey sign-in through the API. */
export async function passkeySignIn(auth: SoftAuthenticator, tamper: Tamper & { credentialId?: string } = {}, ip?: string) {
  return verifySignIn(await signInAssertion(auth, tamper, ip), { ip });
}
