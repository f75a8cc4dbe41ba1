// Cross-site request forgery with the session cookie: a state-changing request that a browser
// authenticates with the next-auth cookie must come from this site. Browsers send `Origin` on
// every cross-site POST/PUT/PATCH/DELETE and `Sec-Fetch-Site` on every request; a request that
// carries neither is not from a current browser's page and is refused too. Bearer-token clients
// never reach this check (a token is not sent by the browser on its own). Pure.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameSiteWrite(method: string, headers: Headers, appUrl: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get("origin");
  if (origin !== null) {
    try {
      return origin !== "null" && new URL(origin).origin === new URL(appUrl).origin;
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}
