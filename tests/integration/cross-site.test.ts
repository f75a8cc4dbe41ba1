// Cross-site writes with the session cookie (issue 9 item 6): a state-changing request that the
// cookie authenticates must come from this site (Origin = APP_URL's origin, or Sec-Fetch-Site
// same-origin/none), else 403 cross_site_request and nothing happens. Bearer clients are unaffected.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, request } from "../support/api";
import { browserLogin } from "../support/browser";
import { createStudentWithToken, createUser, TEST_PASSWORD } from "../support/factories";

const EVIL = "https://evil.example";

describe(`cross-site writes (${inject("provider")})`, () => {
  it("a cookie POST from another origin, or with no origin at all, is refused and changes nothing", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    const cookie = jar.header();
    const forged: Record<string, string>[] = [{ origin: EVIL }, { origin: EVIL, "sec-fetch-site": "same-origin" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, {}];
    for (const headers of forged) {
      expectError(await request("POST", "/api/auth/logout", { cookie, ip, headers }), 403, "cross_site_request");
    }
    expectError(await request("POST", "/api/notifications/read-all", { cookie, ip, headers: { origin: EVIL } }), 403, "cross_site_request");
    // the session survived every forged logout; reads from anywhere still work
    expect((await get("/api/auth/me", { cookie, ip, headers: { origin: EVIL } })).status).toBe(200);
  });

  it("a cookie POST from this site's own pages goes through", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    const origin = new URL(inject("serverEnv").APP_URL).origin;
    expect((await request("POST", "/api/notifications/read-all", { cookie: jar.header(), ip, headers: { origin } })).status).toBe(200);
    expect((await request("POST", "/api/notifications/read-all", { cookie: jar.header(), ip, headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
    expect((await request("POST", "/api/auth/logout", { cookie: jar.header(), ip, headers: { origin } })).status).toBe(200);
    expectError(await get("/api/auth/me", { cookie: jar.header(), ip }), 401, "session_revoked");
  });

  it("bearer-token clients are unaffected, whatever Origin says", async () => {
    const { token } = await createStudentWithToken();
    expect((await request("POST", "/api/notifications/read-all", { token, headers: { origin: EVIL } })).status).toBe(200);
    expect((await request("POST", "/api/notifications/read-all", { token })).status).toBe(200);
  });

  it("a server action (a POST to a page) from another origin is refused before it runs", async () => {
    const admin = await createUser({ role: "admin" });
    const { jar, ip } = await browserLogin(admin.email, TEST_PASSWORD);
    const action = { cookie: jar.header(), ip, raw: "id=x", headers: { "content-type": "application/x-www-form-urlencoded", "next-action": "0".repeat(42) } };
    expectError(await request("POST", "/admin/users", { ...action, headers: { ...action.headers, origin: EVIL } }), 403, "cross_site_request");
    expectError(await request("POST", "/admin/users", action), 403, "cross_site_request");
    // from this site the request reaches Next (which then refuses the unknown action id itself)
    const own = await request("POST", "/admin/users", { ...action, headers: { ...action.headers, origin: new URL(inject("serverEnv").APP_URL).origin } });
    expect(own.status).not.toBe(403);
  });
});
