// Start a real OpenID Provider (tests/support/oidc-provider-main.mts) on a free loopback port, with
// Rollcall registered as a client ("rollcall", redirect URI APP_URL/api/auth/callback/oidc) and a
// second client ("other-app") whose audience a misbehaving token can carry. Used by the SSO
// integration tests and the e2e server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { freePort, ROOT } from "./test-server";

export interface TestUserClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  [claim: string]: unknown;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the OIDC_* settings that point a Rollcall server at this provider */
  env: Record<string, string>;
  /** the claims the provider gives the user who types `login` on its login page */
  addUser(login: string, claims: TestUserClaims): Promise<void>;
  /** move the provider's clock by `seconds` (0 puts it back) */
  setClockOffset(seconds: number): Promise<void>;
  /** issue ID tokens for another registered client (a wrong audience); null: the right one again */
  setAudience(clientId: string | null): Promise<void>;
  stop(): Promise<void>;
}

/** `tls`: certificate and key files; the provider then serves https (and its issuer is https://). */
export async function startOidcProvider(appUrls: string[], { port: wanted, tls }: { port?: number; tls?: { cert: string; key: string } } = {}): Promise<TestOidcProvider> {
  const port = wanted ?? (await freePort());
  const clientSecret = randomBytes(24).toString("hex");
  const redirect_uris = appUrls.map((u) => `${u.replace(/\/+$/, "")}/api/auth/callback/oidc`);
  const settings = {
    port,
    clients: [
      { client_id: "rollcall", client_secret: clientSecret, redirect_uris },
      { client_id: "other-app", client_secret: randomBytes(24).toString("hex"), redirect_uris },
    ],
    tls,
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/oidc-provider-main.mts")], {
    cwd: ROOT,
    env: { ...process.env, OIDC_TEST_SETTINGS: JSON.stringify(settings), NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OpenID Provider did not start:\n${output}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      output += d;
      if (output.includes(`listening ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (d: Buffer) => (output += d));
    child.once("exit", () => reject(new Error(`OpenID Provider exited:\n${output}`)));
  });
  const issuer = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
  // its own certificate is the only one trusted for the control calls
  const dispatcher = tls ? new Agent({ connect: { ca: fs.readFileSync(tls.cert) } }) : undefined;
  const control = async (what: string, body: unknown) => {
    const res = await undiciFetch(`${issuer}/__test/${what}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), dispatcher });
    if (res.status !== 204) throw new Error(`provider control ${what}: ${res.status}`);
  };
  return {
    issuer,
    clientId: "rollcall",
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "rollcall", OIDC_CLIENT_SECRET: clientSecret },
    addUser: (login, claims) => control("users", { login, claims }),
    setClockOffset: (seconds) => control("clock", { offset_seconds: seconds }),
    setAudience: (clientId) => control("audience", { client_id: clientId }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
