// Cross-site writes with the session cookie (issue 9 item 6): a state-changing request that the
// cookie authenticates must come from this site (Origin = APP_URL's origin, or Sec-Fetch-Site
// same-origin/none), else 403 cross_site_request and nothing happens. Bearer clients are unaffected.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expectError, get, request } from "../support/api";
import { browserLogin } from "../support/browser";
import { createStudentWithToken, createUser, TEST_PASSWORD } from "../support/factories";
import { ROOT } from "../support/test-server";

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
    // a real action of the users page (an unknown id is refused earlier, by the method gate: http-errors.test.ts)
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { workers: Record<string, unknown> }> };
    const actionId = Object.entries(manifest.node).find(([, a]) => Object.keys(a.workers).some((w) => /^app\/admin\/users\/page$/.test(w)))?.[0];
    expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
    const action = { cookie: jar.header(), ip, raw: "id=x", headers: { "content-type": "application/x-www-form-urlencoded", "next-action": actionId! } };
    expectError(await request("POST", "/admin/users", { ...action, headers: { ...action.headers, origin: EVIL } }), 403, "cross_site_request");
    expectError(await request("POST", "/admin/users", action), 403, "cross_site_request");
    // from this site the check lets it through: an unknown action id then meets the method gate's 404, not a 403
    const own = await request("POST", "/admin/users", { ...action, headers: { ...action.headers, "next-action": "0".repeat(42), origin: new URL(inject("serverEnv").APP_URL).origin } });
    expect(own.status).toBe(404);
  });
});
