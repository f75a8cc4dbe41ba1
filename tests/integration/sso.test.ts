// Single sign-on against a REAL OpenID Provider (oidc-provider, tests/support/oidc-provider.ts),
// with the code flow driven over HTTP (tests/support/sso-flow.ts). This file runs its own Rollcall
// server with OIDC_* pointing at the provider, OIDC_ROLE_CLAIM=groups and
// AUTH_PASSWORDS=students-off, on its own database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { request, uniqueIp } from "../support/api";
import { browserSignIn } from "../support/browser";
import { TEST_PASSWORD } from "../support/factories";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { authenticateAtProvider, finishSignIn, redirectOf, ssoBrowser, ssoSignIn, startSignIn } from "../support/sso-flow";
import { createTestDatabase, freePort, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let provider: TestOidcProvider;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "sso");
  const port = await freePort();
  provider = await startOidcProvider([`http://localhost:${port}`]);
  server = await startServer(database.url, { ...provider.env, PORT: String(port), OIDC_ROLE_CLAIM: "groups", OIDC_INSTRUCTOR_VALUES: "staff,lecturers", AUTH_PASSWORDS: "students-off" });
  db = await createDb(database.url);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await provider?.stop();
  await database?.drop();
});

const base = () => server.url;
const at = (method: string, path: string, opts: Parameters<typeof request>[2] = {}) => request(method, new URL(path, server.url).toString(), opts);
const newLogin = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
const emailOf = (login: string) => `${login}@college.edu`;

/** A provider user whose address is verified, named by their login. */
async function collegeUser(label: string, claims: Record<string, unknown> = {}) {
  const login = newLogin(label);
  await provider.addUser(login, { email: emailOf(login), email_verified: true, name: `Test ${label}`, ...claims });
  return { login, email: emailOf(login) };
}

async function rosterCourseWith(email: string) {
  const id = `c${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  await db.course.create({ data: { id, code: `SSO${id.slice(1, 7)}`, title: "Single sign-on 101" } });
  await db.enrollment.create({ data: { courseId: id, email, fullName: "Rostered Student", source: "import", enrolledAt: new Date() } });
  return id;
}

/** The sso_failed entries written since this mark (by id: the server's and this process's clocks may differ). */
async function ssoAuditMark() {
  const seen = new Set((await db.auditLog.findMany({ where: { action: "sso_failed" }, select: { id: true } })).map((r) => r.id));
  return async () => {
    const rows = await db.auditLog.findMany({ where: { action: "sso_failed" }, orderBy: { createdAt: "asc" } });
    return rows.filter((r) => !seen.has(r.id)).map((r) => JSON.parse(r.details) as Record<string, unknown>);
  };
}

async function me(b: { jar: { header(): string }; ip: string }) {
  return at("GET", "/api/auth/me", { cookie: b.jar.header(), ip: b.ip });
}

describe(`single sign-on with a real OpenID Provider (${inject("provider")})`, () => {
  it("discovers the provider: next-auth lists it and the login page offers it first", async () => {
    const providers = await at("GET", "/api/auth/providers");
    expect(providers.body.oidc).toMatchObject({ id: "oidc", name: "College", type: "oauth", callbackUrl: `${server.env.APP_URL}/api/auth/callback/oidc` });
    const login = await at("GET", "/login");
    expect(login.text).toContain("Sign in with College");
    expect(login.text.indexOf("Sign in with College")).toBeLessThan(login.text.indexOf('data-testid="login-submit"'));
  });

  it("a rostered student's first sign-in opens an active student account and a session (login_ok, method oidc)", async () => {
    const { login, email } = await collegeUser("rostered");
    await rosterCourseWith(email);
    const { res, location, browser } = await ssoSignIn(base(), login);
    expect(res.status).toBe(302);
    expect(location).toBe("/login");
    expect(browser.jar.has("next-auth.session-token")).toBe(true);
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ email, role: "student", full_name: "Test rostered" });
    const user = await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    // no password: the account signs in only through the college (or a passkey added later)
    expect(user).toMatchObject({ status: "active", role: "student", passwordHash: "!no-password" });
    expect(user.emailVerifiedAt).not.toBeNull();
    const ok = await db.auditLog.findFirstOrThrow({ where: { action: "login_ok", actorId: user.id } });
    expect(JSON.parse(ok.details)).toMatchObject({ kind: "web", method: "oidc" });
    const verified = await db.auditLog.findFirstOrThrow({ where: { action: "email_verified", actorId: user.id } });
    expect(JSON.parse(verified.details)).toMatchObject({ via: "sso" });
    // the login page sends a signed-in student home
    const home = await at("GET", "/login", { cookie: browser.jar.header(), ip: browser.ip });
    expect(home.status).toBe(307);
    expect(home.headers.location).toContain("/home");
  });

  it("someone not on a roster gets a pending account that waits for approval (no session)", async () => {
    const { login, email } = await collegeUser("walkin");
    const { location, browser } = await ssoSignIn(base(), login);
    expect(location).toBe("/login?error=account_pending");
    expect(browser.jar.has("next-auth.session-token")).toBe(false);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { approvalRequests: true } });
    expect(user.status).toBe("pending");
    expect(user.approvalRequests.map((r) => r.status)).toEqual(["pending"]);
    const page = await at("GET", location!);
    expect(page.text).toContain('data-code="account_pending"');
  });

  it("links to an existing account with the same address and keeps its role", async () => {
    const { login, email } = await collegeUser("linked");
    const existing = await db.user.create({ data: { email, fullName: "Already Here", passwordHash: await hashPassword(TEST_PASSWORD, 4), role: "instructor", status: "active", emailVerifiedAt: null } });
    const { browser, location } = await ssoSignIn(base(), login);
    expect(location).toBe("/login");
    expect((await me(browser)).body).toMatchObject({ id: existing.id, role: "instructor" });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).emailVerifiedAt).not.toBeNull();
  });

  it("refuses an address the provider did not verify: sso_failed, audited, and no account", async () => {
    const ssoAudits = await ssoAuditMark();
    const { login, email } = await collegeUser("unverified", { email_verified: false });
    const { location, browser } = await ssoSignIn(base(), login);
    expect(location).toBe("/login?error=sso_failed");
    expect(browser.jar.has("next-auth.session-token")).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await ssoAudits()).toEqual([expect.objectContaining({ reason: "email_not_verified", email })]);
    const page = await at("GET", location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-code="sso_failed"');
    expect(page.text).toContain("College sign-in did not work");
  });

  it("a tampered state and a callback without the browser's state cookie are refused", async () => {
    const ssoAudits = await ssoAuditMark();
    const { login, email } = await collegeUser("tamper");
    const b = ssoBrowser();
    const callback = await authenticateAtProvider(await startSignIn(base(), b), b, login);
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "forged-state-value");
    const res = await finishSignIn(base(), b, tampered.toString());
    expect(res.status).toBe(302);
    expect(redirectOf(res)).toBe("/login?error=sso_failed");
    // the genuine callback from another browser (no state cookie there) fails too
    const stranger = await finishSignIn(base(), ssoBrowser(), callback);
    expect(redirectOf(stranger)).toBe("/login?error=sso_failed");
    expect(b.jar.has("next-auth.session-token")).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(0);
    const audits = await ssoAudits();
    expect(audits).toHaveLength(2);
    for (const a of audits) expect(a).toMatchObject({ reason: "provider_error", step: "OAuthCallback" });
    expect(String(audits[0]!.library)).toMatch(/state/i);
  });

  it("a replayed authorization code is refused by the provider", async () => {
    const ssoAudits = await ssoAuditMark();
    const { login } = await collegeUser("replay");
    await rosterCourseWith(emailOf(login));
    const b = ssoBrowser();
    const callback = await authenticateAtProvider(await startSignIn(base(), b), b, login);
    const cookiesBefore = b.jar.header();
    const first = await finishSignIn(base(), b, callback);
    expect(redirectOf(first)).toBe("/login");
    // the same callback with the same state, PKCE and nonce cookies: only the code is spent
    const replay = await request("GET", new URL(new URL(callback).pathname + new URL(callback).search, server.url).toString(), { cookie: cookiesBefore, ip: b.ip });
    expect(redirectOf(replay)).toBe("/login?error=sso_failed");
    const audits = await ssoAudits();
    expect(audits).toHaveLength(1);
    expect(String(audits[0]!.library)).toMatch(/invalid_grant/);
  });

  it("an ID token for another audience is refused (verified by openid-client)", async () => {
    const ssoAudits = await ssoAuditMark();
    const { login, email } = await collegeUser("audience");
    await provider.setAudience("other-app");
    try {
      const { location } = await ssoSignIn(base(), login);
      expect(location).toBe("/login?error=sso_failed");
    } finally {
      await provider.setAudience(null);
    }
    expect(await db.user.count({ where: { email } })).toBe(0);
    const audits = await ssoAudits();
    expect(audits).toHaveLength(1);
    expect(String(audits[0]!.library)).toMatch(/aud/);
  });

  it("an expired ID token (the provider's clock two hours behind) is refused", async () => {
    const ssoAudits = await ssoAuditMark();
    const { login, email } = await collegeUser("expired");
    await provider.setClockOffset(-2 * 3600);
    try {
      const { location } = await ssoSignIn(base(), login);
      expect(location).toBe("/login?error=sso_failed");
    } finally {
      await provider.setClockOffset(0);
    }
    expect(await db.user.count({ where: { email } })).toBe(0);
    const audits = await ssoAudits();
    expect(audits).toHaveLength(1);
    expect(String(audits[0]!.library)).toMatch(/expired/i);
  });

  it("the role claim makes an instructor at once; 'admin' in it grants nothing", async () => {
    const staff = await collegeUser("lecturer", { groups: ["students", "lecturers"] });
    const signedIn = await ssoSignIn(base(), staff.login);
    expect(signedIn.location).toBe("/login");
    expect((await me(signedIn.browser)).body).toMatchObject({ email: staff.email, role: "instructor" });
    const decided = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: (await db.approvalRequest.findFirstOrThrow({ where: { user: { email: staff.email } } })).id } });
    expect(JSON.parse(decided.details)).toMatchObject({ decided_by: "sso_claim", approved_role: "instructor" });

    const pretender = await collegeUser("pretender", { groups: ["admin", "Staff"] });
    expect((await ssoSignIn(base(), pretender.login)).location).toBe("/login?error=account_pending");
    expect(await db.user.findUniqueOrThrow({ where: { email: pretender.email } })).toMatchObject({ role: "student", status: "pending" });

    // an active student who becomes staff at the college becomes an instructor at the next sign-in
    const promoted = await collegeUser("promoted", { groups: ["staff"] });
    await db.user.create({ data: { email: promoted.email, fullName: "Was A Student", passwordHash: "!no-password", role: "student", status: "active", emailVerifiedAt: new Date() } });
    expect((await me((await ssoSignIn(base(), promoted.login)).browser)).body.role).toBe("instructor");
  });

  it("a deactivated account cannot come back through SSO, and deactivation ends an SSO session at once", async () => {
    const gone = await collegeUser("deactivated", { groups: ["staff"] });
    await db.user.create({ data: { email: gone.email, fullName: "Left College", passwordHash: "!no-password", role: "student", status: "deactivated", emailVerifiedAt: new Date() } });
    const { location, browser } = await ssoSignIn(base(), gone.login);
    expect(location).toBe("/login?error=account_deactivated");
    expect(browser.jar.has("next-auth.session-token")).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { email: gone.email } })).toMatchObject({ status: "deactivated", role: "student" });
    const refused = await db.auditLog.findFirstOrThrow({ where: { action: "login_failed", actorId: (await db.user.findUniqueOrThrow({ where: { email: gone.email } })).id } });
    expect(JSON.parse(refused.details)).toMatchObject({ reason: "account_deactivated" });

    const active = await collegeUser("leaver");
    await rosterCourseWith(active.email);
    const session = await ssoSignIn(base(), active.login);
    expect((await me(session.browser)).status).toBe(200);
    await db.user.update({ where: { email: active.email }, data: { status: "deactivated" } });
    const after = await me(session.browser);
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe("account_deactivated");
  });

  it("students-off: a student's password and a signup are refused; staff keep their passwords; SSO and the pages say so", async () => {
    const student = await db.user.create({ data: { email: `pw-${randomUUID().slice(0, 8)}@college.edu`, fullName: "Password Student", passwordHash: await hashPassword(TEST_PASSWORD, 4), role: "student", status: "active", emailVerifiedAt: new Date() } });
    const admin = await db.user.create({ data: { email: `pw-${randomUUID().slice(0, 8)}@college.edu`, fullName: "Password Admin", passwordHash: await hashPassword(TEST_PASSWORD, 4), role: "admin", status: "active", emailVerifiedAt: new Date() } });
    const api = await at("POST", "/api/auth/login", { json: { email: student.email, password: TEST_PASSWORD } });
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe("passwords_off");
    const wrong = await at("POST", "/api/auth/login", { json: { email: student.email, password: "Wrong-Password-1!" } });
    expect(wrong.body.error.code).toBe("invalid_credentials");
    const browser = await browserSignIn("credentials", { email: student.email, password: TEST_PASSWORD }, { base: server.url });
    expect(JSON.parse(new URL(browser.res.body.url).searchParams.get("error")!)).toMatchObject({ code: "passwords_off" });
    expect((await at("POST", "/api/auth/login", { json: { email: admin.email, password: TEST_PASSWORD } })).status).toBe(200);

    const signup = await at("POST", "/api/auth/signup", { json: { email: `new-${randomUUID().slice(0, 8)}@college.edu`, password: "Analytical-Engine-1843!", full_name: "New Student" } });
    expect(signup.status).toBe(403);
    expect(signup.body.error.code).toBe("passwords_off");
    const page = await at("GET", "/signup");
    expect(page.text).toContain('data-testid="signup-off"');
    expect(page.text).not.toContain('name="password"');
    const loginPage = await at("GET", "/login");
    expect(loginPage.text).toContain('data-testid="students-off-note"');
    expect(loginPage.text).not.toContain("Create a student account");
  });

  it("30 parallel first sign-ins of the same new person make exactly one account, and every one of them gets in", async () => {
    const { login, email } = await collegeUser("burst");
    await rosterCourseWith(email);
    const browsers = Array.from({ length: 30 }, () => ssoBrowser(uniqueIp()));
    const callbacks = await Promise.all(browsers.map(async (b) => authenticateAtProvider(await startSignIn(base(), b), b, login)));
    const results = await Promise.all(browsers.map((b, i) => finishSignIn(base(), b, callbacks[i]!)));
    expect(results.map(redirectOf)).toEqual(Array(30).fill("/login"));
    const users = await db.user.findMany({ where: { email }, include: { approvalRequests: true } });
    expect(users).toHaveLength(1);
    expect(users[0]!.status).toBe("active");
    expect(users[0]!.approvalRequests).toHaveLength(1);
    expect(await db.authSession.count({ where: { userId: users[0]!.id, kind: "web" } })).toBe(30);
  });

  it("step-up: a fresh sign-in at the provider (prompt=login, max_age=0) proves presence for 5 minutes; a reused provider session does not", async () => {
    const adminUser = await collegeUser("admin");
    await db.user.create({ data: { email: adminUser.email, fullName: "College Admin", passwordHash: "!no-password", role: "admin", status: "active", emailVerifiedAt: new Date() } });
    const target = await db.user.create({ data: { email: `target-${randomUUID().slice(0, 8)}@college.edu`, fullName: "Target Person", passwordHash: "!no-password", role: "student", status: "active", emailVerifiedAt: new Date() } });
    // the first sign-in: no auth_time asked for, so no proof
    const plain = await ssoSignIn(base(), adminUser.login);
    const plainMe = await me(plain.browser);
    expect(plainMe.body.role).toBe("admin");
    expect((await db.authSession.findUniqueOrThrow({ where: { id: plainMe.body.session_id } })).steppedUpAt).toBeNull();
    const refused = await at("PATCH", `/api/admin/users/${target.id}`, { json: { role: "instructor" }, cookie: plain.browser.jar.header(), ip: plain.browser.ip, headers: { origin: server.env.APP_URL } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("step_up_required");

    // again, asking the provider to authenticate afresh: the provider shows its login page again
    const fresh = await ssoSignIn(base(), adminUser.login, plain.browser, { prompt: "login", max_age: "0" });
    expect(fresh.location).toBe("/login");
    const freshMe = await me(fresh.browser);
    const session = await db.authSession.findUniqueOrThrow({ where: { id: freshMe.body.session_id } });
    expect(session.steppedUpAt).not.toBeNull();
    expect(Math.abs(session.steppedUpAt!.getTime() - Date.now())).toBeLessThan(60_000);
    const allowed = await at("PATCH", `/api/admin/users/${target.id}`, { json: { role: "instructor" }, cookie: fresh.browser.jar.header(), ip: fresh.browser.ip, headers: { origin: server.env.APP_URL } });
    expect(allowed.status).toBe(200);

    // the provider's session reused (no new login): no auth_time, no proof
    const reused = await ssoSignIn(base(), adminUser.login, fresh.browser);
    const reusedMe = await me(reused.browser);
    expect(reusedMe.body.session_id).not.toBe(freshMe.body.session_id);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: reusedMe.body.session_id } })).steppedUpAt).toBeNull();
  });
});

describe(`single sign-on at start (${inject("provider")})`, () => {
  it("refuses to start when the issuer is unreachable or names itself differently", async () => {
    const closed = await freePort();
    const unreachable = startServer(database.url, { OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: "rollcall", OIDC_CLIENT_SECRET: "secret-value" });
    await expect(unreachable).rejects.toThrow(/Rollcall refuses to start[\s\S]*OIDC_ISSUER: the provider is unreachable at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration \(ECONNREFUSED\)/);
    const misnamed = startServer(database.url, { ...provider.env, OIDC_ISSUER: provider.issuer.replace("127.0.0.1", "localhost") });
    await expect(misnamed).rejects.toThrow(/OIDC_ISSUER: its metadata names the issuer \\"http:\/\/127\.0\.0\.1:\d+\\", not \\"http:\/\/localhost/);
  }, 60_000);
});
