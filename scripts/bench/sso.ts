// Single sign-on under the burst (issue 23): students sign in with their college account through
// a real OpenID Provider (oidc-provider, tests/support/oidc-provider.ts, over https with a
// certificate of the benchmark's own) while a class marks. Each sign-in is what a phone does:
// Rollcall's CSRF token and next-auth's sign-in (which answers the provider's authorization URL),
// the provider's login and consent pages, then Rollcall's callback, which redeems the code,
// verifies the ID token and opens the session. Two figures: Rollcall's own endpoints (the three
// requests it answers, summed) and the whole round trip with the provider's pages.
import fs from "node:fs";
import { Agent } from "undici";
import type { TestOidcProvider } from "../../tests/support/oidc-provider";
import { SiteCookies, walkProviderPages } from "../../tests/support/oidc-provider-pages";
import { clientIp, steady, type LoadClient } from "./client";
import { markAll } from "./scenarios";
import type { Seed, SeededUser } from "./seed";
import { Recorder } from "./stats";

/** SSO sign-ins per second during the burst */
export const SSO_PER_SECOND = 10;

export interface SsoProvider {
  provider: TestOidcProvider;
  /** the provider's certificate file: the only one the benchmark trusts for it */
  cert: string;
}

interface SsoSignInResult {
  /** Rollcall's three answers, summed (ms) */
  rollcallMs: number;
  callbackMs: number;
  status: number;
  /** where the callback sent the browser */
  location: string | null;
}

/** One student's sign-in with the college account, from Rollcall's login page back to it. */
async function ssoSignIn(client: LoadClient, appUrl: string, student: SeededUser, ip: string, dispatcher: Agent): Promise<SsoSignInResult> {
  const origin = new URL(appUrl).origin;
  const jar = new SiteCookies();
  let t = performance.now();
  const csrf = await client.exchange("GET", "/api/auth/csrf", { ip });
  jar.take(csrf.setCookies);
  const start = await client.exchange("POST", "/api/auth/signin/oidc", {
    ip,
    origin,
    cookie: jar.header(),
    form: { csrfToken: (JSON.parse(csrf.text) as { csrfToken: string }).csrfToken, callbackUrl: "/login", json: "true" },
  });
  let rollcallMs = performance.now() - t;
  jar.take(start.setCookies);
  if (start.status !== 200) return { rollcallMs, callbackMs: 0, status: start.status, location: null };
  const callbackUrl = await walkProviderPages((JSON.parse(start.text) as { url: string }).url, new SiteCookies(), student.email, dispatcher);
  const callback = new URL(callbackUrl);
  t = performance.now();
  const back = await client.exchange("GET", callback.pathname + callback.search, { ip, cookie: jar.header() });
  const callbackMs = performance.now() - t;
  rollcallMs += callbackMs;
  return { rollcallMs, callbackMs, status: back.status, location: back.location };
}

/** A sign-in ends well when the callback sends the browser to the login page without an error. */
const signedIn = (r: SsoSignInResult) => r.status === 302 && r.location !== null && !r.location.includes("error=");

/**
 * The burst while SSO_PER_SECOND students a second sign in with the college account (each one
 * signing in at the provider for the first time, as on a first day).
 */
export async function burstWithSso(client: LoadClient, seed: Seed, sso: SsoProvider, appUrl: string, n: number, seconds: number, rotation: number) {
  const dispatcher = new Agent({ connect: { ca: fs.readFileSync(sso.cert) } });
  const total = Math.max(1, Math.round(SSO_PER_SECOND * seconds));
  // the college's accounts: the seeded students' addresses, verified at the provider
  const people = seed.students.slice(0, total + 3);
  for (const s of people) await sso.provider.addUser(s.email, { email: s.email, email_verified: true, name: `Bench ${s.email.split("@")[0]}` });
  // unmeasured, like the warm-up: the first sign-ins load the routes and fetch the provider's metadata and keys
  for (const s of people.slice(total)) {
    const r = await ssoSignIn(client, appUrl, s, clientIp(7, 9999), dispatcher);
    if (!signedIn(r)) throw new Error(`single sign-on warm-up failed: ${r.status} → ${r.location}`);
  }
  const roundTrip = new Recorder("burst+sso", "SSO sign-in, Rollcall's endpoints (csrf + sign-in + callback)");
  const callbackOnly = new Recorder("burst+sso", "GET /api/auth/callback/oidc");
  const whole = new Recorder("burst+sso", "SSO sign-in, whole round trip with the provider's pages");
  const storm = steady(SSO_PER_SECOND, seconds, async (i) => {
    const t0 = performance.now();
    const r = await ssoSignIn(client, appUrl, people[i]!, clientIp(7, i), dispatcher).catch((error: Error) => {
      console.error(`single sign-on ${i}: ${error.message}`);
      return null;
    });
    const t1 = performance.now();
    const status = r === null ? "network_error" : signedIn(r) ? 200 : r.status;
    // Rollcall's share and the callback's, timed from this sign-in's start (for the request rate)
    roundTrip.record(t0, t0 + (r?.rollcallMs ?? t1 - t0), status);
    callbackOnly.record(t0, t0 + (r?.callbackMs ?? 0), status);
    whole.record(t0, t1, status);
  });
  const marks = await markAll(client, seed, seed.students.slice(0, n), seconds, "burst+sso", rotation);
  await storm;
  await dispatcher.close();
  return [marks.result(), roundTrip.result(), callbackOnly.result(), whole.result()];
}
