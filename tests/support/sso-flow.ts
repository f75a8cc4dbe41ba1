// Single sign-on driven over HTTP, as a browser would: Rollcall's next-auth sign-in
// (/api/auth/signin/oidc) → the provider's authorization endpoint → its login (and consent) pages
// → back to Rollcall's callback. Redirects are followed by hand, with one cookie jar for Rollcall
// (tests/support/browser.ts) and one for the provider, so a test can stop at any step: keep the
// callback address to replay it, or change its `state`.
import { request, uniqueIp, type ApiResponse } from "./api";
import { CookieJar } from "./browser";
import { SiteCookies, walkProviderPages } from "./oidc-provider-pages";

export interface SsoBrowser {
  /** Rollcall's cookies */
  jar: CookieJar;
  /** the provider's cookies: its session survives, so a second sign-in may skip the login page */
  providerJar: SiteCookies;
  ip: string;
}

export function ssoBrowser(ip = uniqueIp()): SsoBrowser {
  return { jar: new CookieJar(), providerJar: new SiteCookies(), ip };
}

const at = (base: string, pathAndQuery: string) => new URL(pathAndQuery, base).toString();

/** Rollcall's side, step 1: CSRF token, then next-auth's sign-in, which answers the provider's authorization URL. */
export async function startSignIn(base: string, b: SsoBrowser, authorizationParams: Record<string, string> = {}): Promise<string> {
  const csrf = await request("GET", at(base, "/api/auth/csrf"), { ip: b.ip, cookie: b.jar.header() });
  b.jar.take(csrf);
  const qs = new URLSearchParams(authorizationParams).toString();
  const res = await request("POST", at(base, `/api/auth/signin/oidc${qs ? `?${qs}` : ""}`), {
    raw: new URLSearchParams({ csrfToken: csrf.body.csrfToken as string, callbackUrl: "/login", json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookie: b.jar.header(),
    ip: b.ip,
  });
  b.jar.take(res);
  if (res.status !== 200 || typeof res.body?.url !== "string") throw new Error(`sign-in did not start: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body.url as string;
}

/** The provider's side (its login and consent pages), until it redirects back to Rollcall. Returns that callback address. */
export function authenticateAtProvider(authorizeUrl: string, b: SsoBrowser, login: string): Promise<string> {
  return walkProviderPages(authorizeUrl, b.providerJar, login);
}

/** Rollcall's side, last step: the provider's redirect to /api/auth/callback/oidc, sent to the test server. */
export async function finishSignIn(base: string, b: SsoBrowser, callbackUrl: string): Promise<ApiResponse> {
  const u = new URL(callbackUrl);
  const res = await request("GET", at(base, u.pathname + u.search), { ip: b.ip, cookie: b.jar.header() });
  b.jar.take(res);
  return res;
}

/** Where a Rollcall response sends the browser (path and query), or null. */
export function redirectOf(res: ApiResponse): string | null {
  const location = res.headers.location;
  if (!location) return null;
  const u = new URL(location, "http://rollcall.invalid");
  return u.pathname + u.search;
}

/** The whole sign-in: start, log in at the provider as `login`, come back. */
export async function ssoSignIn(base: string, login: string, b: SsoBrowser = ssoBrowser(), authorizationParams: Record<string, string> = {}) {
  const authorize = await startSignIn(base, b, authorizationParams);
  const callback = await authenticateAtProvider(authorize, b, login);
  const res = await finishSignIn(base, b, callback);
  return { browser: b, res, location: redirectOf(res), callback };
}
