// The test OpenID Provider's own pages (tests/support/oidc-provider-main.mts), walked as a
// browser would: follow its redirects, type a login (any password) on its login page and accept
// its consent page, until it redirects back to the client. Shared by the SSO integration tests
// (tests/support/sso-flow.ts) and the benchmark (scripts/bench/sso.ts); no test-runner imports.
import { fetch, type Dispatcher } from "undici";

/** The cookies of one site, as a browser keeps them (Set-Cookie in, Cookie out). */
export class SiteCookies {
  private jar = new Map<string, string>();
  take(setCookies: Iterable<string>) {
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * From the provider's authorization URL to the address it sends the browser back to (the
 * client's callback with code and state). `dispatcher`: how to reach an https provider whose
 * certificate only this caller trusts.
 */
export async function walkProviderPages(authorizeUrl: string, cookies: SiteCookies, login: string, dispatcher?: Dispatcher): Promise<string> {
  const provider = new URL(authorizeUrl).origin;
  let url = authorizeUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (!url.startsWith(provider)) return url; // back at the client
    const res = await fetch(url, { redirect: "manual", headers: { cookie: cookies.header() }, dispatcher });
    cookies.take(res.headers.getSetCookie());
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
      headers: { cookie: cookies.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      dispatcher,
    });
    cookies.take(submitted.headers.getSetCookie());
    if (submitted.status < 300 || submitted.status >= 400) throw new Error(`provider refused the ${prompt} form: ${submitted.status} ${(await submitted.text()).slice(0, 500)}`);
    await submitted.body?.cancel();
    url = new URL(submitted.headers.get("location")!, url).toString();
  }
  throw new Error("too many redirects at the provider");
}
