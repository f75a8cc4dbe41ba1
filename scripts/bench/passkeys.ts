// Passkeys for the benchmark's clients (issue 11): each carries a software authenticator (an
// ES256 key generated here, tests/support/webauthn.ts) whose passkey was registered through the
// real endpoints during seeding, and signs each assertion itself, as a phone would.
import { SoftAuthenticator, type AuthenticationJSON } from "../../tests/support/webauthn";
import { clientIp, type LoadClient, type Reply } from "./client";
import { BENCH_PASSWORD, type SeededUser } from "./seed";

export interface PasskeyClient {
  student: SeededUser;
  authenticator: SoftAuthenticator;
}

const REGISTER_IN_PARALLEL = 8;

async function register(client: LoadClient, origin: string, student: SeededUser, ip: string): Promise<PasskeyClient> {
  const authenticator = new SoftAuthenticator(origin);
  // adding a passkey needs a fresh proof of presence (docs/authentication.md): the password, as a phone would
  const stepUp = await client.request("POST", "/api/auth/step-up", { token: student.accessToken, ip, json: { method: "password", password: BENCH_PASSWORD } });
  if (stepUp.status !== 200) throw new Error(`step-up before adding a passkey: ${stepUp.status} ${JSON.stringify(stepUp.body)}`);
  const options = await client.request("POST", "/api/auth/passkeys/register/options", { token: student.accessToken, ip });
  if (options.status !== 200) throw new Error(`passkey registration options: ${options.status} ${JSON.stringify(options.body)}`);
  const response = authenticator.register(options.body as Parameters<SoftAuthenticator["register"]>[0]);
  const verified = await client.request("POST", "/api/auth/passkeys/register/verify", { token: student.accessToken, ip, json: { response, name: "Bench phone" } });
  if (verified.status !== 201) throw new Error(`passkey registration: ${verified.status} ${JSON.stringify(verified.body)}`);
  return { student, authenticator };
}

/** Register one passkey for each student, through POST …/register/options and …/register/verify. */
export async function registerPasskeys(client: LoadClient, appUrl: string, students: SeededUser[]): Promise<PasskeyClient[]> {
  const origin = new URL(appUrl).origin;
  const out: PasskeyClient[] = [];
  for (let i = 0; i < students.length; i += REGISTER_IN_PARALLEL) {
    const batch = students.slice(i, i + REGISTER_IN_PARALLEL);
    out.push(...(await Promise.all(batch.map((s, j) => register(client, origin, s, clientIp(6, i + j))))));
  }
  return out;
}

/**
 * One passkey sign-in as a phone does it: options, a signed assertion, verify. The counter stays
 * 0, as with synced passkeys (iCloud Keychain, Google Password Manager), so one student's two
 * sign-ins in flight cannot arrive out of order.
 */
export async function passkeySignIn(client: LoadClient, who: PasskeyClient, ip: string): Promise<{ options: Reply; verify: Reply | null; verifyStartedMs: number }> {
  const options = await client.request("POST", "/api/auth/passkeys/login/options", { ip });
  if (options.status !== 200) return { options, verify: null, verifyStartedMs: performance.now() };
  const response: AuthenticationJSON = who.authenticator.assert(options.body as Parameters<SoftAuthenticator["assert"]>[0], { counter: 0 });
  const verifyStartedMs = performance.now();
  const verify = await client.request("POST", "/api/auth/passkeys/login/verify", { ip, json: { response } });
  return { options, verify, verifyStartedMs };
}
