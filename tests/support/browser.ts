// A browser's side of next-auth for integration tests: a cookie jar, form posts, and a sign-in
// through a Credentials provider ("credentials" for email + password, "passkey" for a passkey).
import { get, request, uniqueIp, type ApiResponse } from "./api";

export class CookieJar {
  private jar = new Map<string, string>();
  take(res: ApiResponse) {
    const set = res.headers["set-cookie"] ?? [];
    for (const line of set) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string) {
    return this.jar.has(name);
  }
}

/** `path` relative to the shared test server, or an absolute URL of another one. */
export async function form(path: string, jar: CookieJar, fields: Record<string, string>, ip: string) {
  const res = await request("POST", path, {
    raw: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookie: jar.header(),
    ip,
  });
  jar.take(res);
  return res;
}

/** next-auth's sign-in: fetch a CSRF token, then post the provider's fields to its callback. */
export async function browserSignIn(provider: "credentials" | "passkey", fields: Record<string, string>, opts: { ip?: string; base?: string } = {}) {
  const ip = opts.ip ?? uniqueIp();
  const url = (p: string) => (opts.base ? new URL(p, opts.base).toString() : p);
  const jar = new CookieJar();
  const csrf = await get(url("/api/auth/csrf"), { ip });
  jar.take(csrf);
  const csrfToken = csrf.body.csrfToken as string;
  const res = await form(url(`/api/auth/callback/${provider}`), jar, { csrfToken, ...fields, json: "true" }, ip);
  return { jar, res, csrfToken, ip };
}

export const browserLogin = (email: string, password: string, ip = uniqueIp()) => browserSignIn("credentials", { email, password }, { ip });
