// Open redirects (issue 9 item 4): every `next` / `callbackUrl` lands on this site after the
// browser normalises it, or the user goes home. The corpus is the hostile review's and more.
import { describe, expect, inject, it } from "vitest";
import { get } from "../support/api";
import { browserLogin, browserSignIn } from "../support/browser";
import { createUser, TEST_PASSWORD } from "../support/factories";

const CORPUS = [
  "/.//evil.example/phish",
  "/..//evil.example/phish",
  "/%2e//evil.example/phish",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/%2f%2fevil.example",
  "/%5c%5cevil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "javascript:alert(1)",
  "https:evil.example",
  "https://evil.example/",
  "http:/evil.example",
];

/** Where a browser at APP_URL goes when it follows `location`. */
function followed(location: string) {
  const appUrl = inject("serverEnv").APP_URL;
  const target = new URL(location, appUrl);
  return { sameOrigin: target.origin === new URL(appUrl).origin, pathname: target.pathname };
}

describe(`open redirects (${inject("provider")})`, () => {
  it("a signed-in user opening /login?next=… is never sent off-site", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    for (const next of CORPUS) {
      const res = await get(`/login?next=${encodeURIComponent(next)}`, { cookie: jar.header(), ip });
      expect(res.status, next).toBeGreaterThanOrEqual(300);
      expect(res.status, next).toBeLessThan(400);
      const location = String(res.headers.location);
      expect(location.startsWith("//") || location.startsWith("/\\"), `${JSON.stringify(next)} → ${location}`).toBe(false);
      const target = followed(location);
      expect(target.sameOrigin, `${JSON.stringify(next)} → ${location}`).toBe(true);
      expect(target.pathname.startsWith("//"), `${JSON.stringify(next)} → ${location}`).toBe(false);
    }
    // a path on this site is still honoured
    const ok = await get(`/login?next=${encodeURIComponent("/home?tab=1")}`, { cookie: jar.header(), ip });
    expect(String(ok.headers.location)).toMatch(/\/home\?tab=1$/);
  });

  it("next-auth's callbackUrl after a sign-in stays on this site", async () => {
    const user = await createUser();
    for (const callbackUrl of [...CORPUS, "http://localhost.evil.example/"]) {
      const { res } = await browserSignIn("credentials", { email: user.email, password: TEST_PASSWORD, callbackUrl });
      expect(res.status, callbackUrl).toBe(200);
      const target = followed(String(res.body.url));
      expect(target.sameOrigin, `${JSON.stringify(callbackUrl)} → ${res.body.url}`).toBe(true);
      expect(target.pathname.startsWith("//"), `${JSON.stringify(callbackUrl)} → ${res.body.url}`).toBe(false);
    }
    const { res } = await browserSignIn("credentials", { email: user.email, password: TEST_PASSWORD, callbackUrl: "/home" });
    expect(String(res.body.url)).toBe(`${inject("serverEnv").APP_URL}/home`);
  });
});
