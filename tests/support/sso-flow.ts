// Single sign-on driven over HTTP, as a browser would: Rollcall's next-auth sign-in
// (/api/auth/signin/oidc) → the provider's authorization endpoint → its login (and consent) pages
// → back to Rollcall's callback. Redirects are followed by hand, with one cookie jar for Rollcall
// (tests/support/browser.ts) and one for the provider, so a test can stop at any step: keep the
// callback address to replay it, or change its `state`.
import { request, uniqueIp, type ApiResponse } from "./api";
import { CookieJar } from "./browser";

/** Cookies of the provider's site (its interaction and session cookies). */
class ProviderJar {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface SsoBrowser {
  /** Rollcall's cookies */
  jar: CookieJar;
  /** the provider's cookies: its session survives, so a second sign-in may skip the login page */
  providerJar: ProviderJar;
  ip: string;
}

export function ssoBrowser(ip = uniqueIp()): SsoBrowser {
  return { jar: new CookieJar(), providerJar: new ProviderJar(), ip };
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

/**
 * The provider's side: follow its redirects, type `login` (any password) on its login page and
 * accept its consent page, until it redirects back to Rollcall. Returns that callback address.
 */
export async function authenticateAtProvider(authorizeUrl: string, b: SsoBrowser, login: string): Promise<string> {
  const provider = new URL(authorizeUrl).origin;
  let url = authorizeUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (!url.startsWith(provider)) return url; // back at the client
    const res = await fetch(url, { redirect: "manual", headers: { cookie: b.providerJar.header() } });
    b.providerJar.take(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).toString();
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`provider page without a form: ${html.slice(0, 500)}`);
    const fields: Record<string, string> = prompt === "login" ? { prompt, login, password: "any password" } : { prompt };
    const submitted = await fetch(new URL(action, url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: b.providerJar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    b.providerJar.take(submitted);
    if (submitted.status < 300 || submitted.status >= 400) throw new Error(`provider refused the ${prompt} form: ${submitted.status} ${(await submitted.text()).slice(0, 500)}`);
    url = new URL(submitted.headers.get("location")!, url).toString();
  }
  throw new Error("too many redirects at the provider");
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
