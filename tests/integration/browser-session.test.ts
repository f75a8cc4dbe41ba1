// next-auth browser sessions ride on the same auth session rows as the API: the Credentials
// provider runs the login use case, the cookie authenticates the JSON API, sign-out revokes.
import { describe, expect, inject, it } from "vitest";
import { expectError, get } from "../support/api";
import { browserLogin, form } from "../support/browser";
import { testDb } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";

describe(`browser sessions via next-auth (${inject("provider")})`, () => {
  it("signs in through the login use case, authenticates the API by cookie, and sign-out revokes the session row", async () => {
    const user = await createUser({ role: "admin" });
    const { jar, res, csrfToken, ip } = await browserLogin(user.email, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(jar.has("next-auth.session-token")).toBe(true);

    const me = await get("/api/auth/me", { cookie: jar.header(), ip });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, role: "admin" });
    const db = await testDb();
    const session = await db.authSession.findUniqueOrThrow({ where: { id: me.body.session_id } });
    expect(session.kind).toBe("web");
    expect((await get("/api/admin/approval-requests", { cookie: jar.header(), ip })).status).toBe(200);

    const cookieBefore = jar.header();
    const out = await form("/api/auth/signout", jar, { csrfToken, json: "true" }, ip);
    expect(out.status).toBe(200);
    const revoked = await db.authSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(revoked.revokedAt).not.toBeNull();
    // even a copy of the old cookie no longer works
    expectError(await get("/api/auth/me", { cookie: cookieBefore, ip }), 401, "session_revoked");
  });

  it("/api/auth/session answers from the session row: nothing for a revoked cookie, which is cleared, not renewed", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    const live = await get("/api/auth/session", { cookie: jar.header(), ip });
    expect(live.body.user).toMatchObject({ id: user.id, email: user.email, name: user.fullName, role: "student" });
    // a renamed user is shown by their current name, not the one in the cookie
    const db = await testDb();
    await db.user.update({ where: { id: user.id }, data: { fullName: "Renamed Person" } });
    expect((await get("/api/auth/session", { cookie: jar.header(), ip })).body.user.name).toBe("Renamed Person");

    const me = await get("/api/auth/me", { cookie: jar.header(), ip });
    await db.authSession.update({ where: { id: me.body.session_id }, data: { revokedAt: new Date(), revokedReason: "test" } });
    const ended = await get("/api/auth/session", { cookie: jar.header(), ip });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({});
    const cookies = (ended.headers["set-cookie"] ?? []).filter((c) => c.startsWith("next-auth.session-token="));
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/^next-auth\.session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });

  it("a browser that signed in before keeps signing in while guesses from elsewhere lock the account", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    expect(jar.has("rc_trust")).toBe(true);
    for (let i = 0; i < 5; i++) await browserLogin(user.email, "Wrong-Password-1!");
    const stranger = await browserLogin(user.email, TEST_PASSWORD);
    expect(JSON.parse(new URL(stranger.res.body.url).searchParams.get("error")!)).toMatchObject({ code: "account_locked" });

    const csrf = await get("/api/auth/csrf", { cookie: jar.header(), ip });
    jar.take(csrf);
    const again = await form("/api/auth/callback/credentials", jar, { csrfToken: csrf.body.csrfToken, email: user.email, password: TEST_PASSWORD, json: "true" }, ip);
    expect(again.status).toBe(200);
    expect(new URL(again.body.url).searchParams.get("error")).toBeNull();
  });

  it("passes the use case's refusal (code and message) to the login form", async () => {
    const pending = await createUser({ status: "rejected" });
    const { res, jar } = await browserLogin(pending.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    const error = new URL(res.body.url).searchParams.get("error");
    expect(JSON.parse(error!)).toMatchObject({ code: "account_rejected" });
    expect(jar.has("next-auth.session-token")).toBe(false);

    const wrong = await browserLogin(pending.email, "Wrong-Password-1!");
    expect(JSON.parse(new URL(wrong.res.body.url).searchParams.get("error")!)).toMatchObject({ code: "invalid_credentials" });
  });

  it("a deactivated user's cookie stops working on the next request", async () => {
    const user = await createUser();
    const { jar, ip } = await browserLogin(user.email, TEST_PASSWORD);
    expect((await get("/api/auth/me", { cookie: jar.header(), ip })).status).toBe(200);
    await (await testDb()).user.update({ where: { id: user.id }, data: { status: "deactivated" } });
    expectError(await get("/api/auth/me", { cookie: jar.header(), ip }), 403, "account_deactivated");
  });

  it("gates app pages: signed-out visitors go to /login?next=…, students away from /admin, /scan stays public", async () => {
    const anon = await get("/admin/approvals?x=1");
    expect(anon.status).toBe(307);
    expect(anon.headers.location).toContain("/login?next=%2Fadmin%2Fapprovals%3Fx%3D1");
    expect((await get("/home")).headers.location).toContain("/login?next=%2Fhome");
    expect((await get("/login")).status).toBe(200);

    const student = await createUser({ role: "student" });
    const { jar, ip } = await browserLogin(student.email, TEST_PASSWORD);
    const res = await get("/admin", { cookie: jar.header(), ip });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.location!, "http://x").pathname).toBe("/home");
  });
});
