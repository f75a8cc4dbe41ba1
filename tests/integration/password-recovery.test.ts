// Password reset, change, the admin's "Send reset link" and the bootstrap admin's first
// password change (docs/authentication.md), over real HTTP with the real mail from the test
// SMTP server. Every limit and one-time token is fired 30 times in parallel.
import { describe, expect, inject, it } from "vitest";
import { createAdmin } from "@/lib/accounts/create-admin";
import { expectError, get, post, request, uniqueIp } from "../support/api";
import { testCtx, testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, TEST_PASSWORD, tokensFor } from "../support/factories";
import { mailsTo, waitForMail } from "../support/mailbox";
import { addPasskey, passkeySignIn, softAuthenticator } from "../support/passkeys";
import { createWaitingSignup, signUp, tokenIn } from "../support/signups";
import { timePaths, type TimedPath } from "../support/timing";

const RESET_SUBJECT = "Reset your Rollcall password";
const CHANGED_SUBJECT = "Your Rollcall password was changed";
const NEW_PASSWORD = "Fresh-Start-Pass-31!";
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

async function resetToken(email: string): Promise<string> {
  const since = new Date();
  const res = await post("/api/auth/password-reset", { email });
  expect(res.status, res.text).toBe(202);
  return tokenIn(await waitForMail({ to: email, subject: RESET_SUBJECT, since }), "/reset-password");
}

describe(`password reset (${inject("provider")})`, () => {
  it("answers 202 with the same body for every address; only a registered, verified account gets a link", async () => {
    const student = await createUser();
    const deactivated = await createUser({ status: "deactivated" });
    const waiting = await createWaitingSignup();
    const unverified = uniqueEmail("unverified");
    expect((await signUp({ email: unverified })).res.status).toBe(202);
    const unknown = uniqueEmail("unknown");
    const answers = [];
    for (const email of [student.email, unknown, unverified, deactivated.email, waiting.email.toUpperCase()]) {
      const res = await post("/api/auth/password-reset", { email });
      answers.push({ status: res.status, body: res.body });
    }
    for (const a of answers) expect(a).toEqual({ status: 202, body: { status: "reset_requested" } });
    for (const email of [student.email, waiting.email]) {
      const mail = await waitForMail({ to: email, subject: RESET_SUBJECT });
      expect(mail.text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}/);
      expect(mail.text).toContain("30 minutes");
    }
    await new Promise((r) => setTimeout(r, 2000)); // the sender delivers within a second: nothing else comes
    for (const email of [unknown, unverified, deactivated.email]) expect(await mailsTo(email, RESET_SUBJECT)).toEqual([]);
    const db = await testDb();
    expect(await db.passwordResetToken.count({ where: { user: { email: { in: [deactivated.email] } } } })).toBe(0);
    // stored as a hash only
    const row = await db.passwordResetToken.findFirstOrThrow({ where: { userId: student.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes the same time whether or not the address has an account", async () => {
    // both requests of a round are sent at the same moment (tests/support/timing.ts)
    const path = (email: () => Promise<string>): TimedPath => async () => {
      const address = await email();
      return async () => expect((await post("/api/auth/password-reset", { email: address })).status).toBe(202);
    };
    const times = await timePaths({ known: path(async () => (await createUser()).email), unknown: path(async () => uniqueEmail("nobody")) });
    // one read and one transaction either way
    expect(times.spread, JSON.stringify(times)).toBeLessThan(2);
  });

  it("the link sets a password that passes the policy, ends every session and refresh token, keeps passkeys, audits, and tells the owner", async () => {
    const student = await createUser();
    const web = await tokensFor(student);
    const api = await tokensFor(student);
    const auth = softAuthenticator();
    await addPasskey(api.access_token, auth);
    const token = await resetToken(student.email);

    const weak = expectError(await post("/api/auth/password-reset/confirm", { token, password: "short" }), 400, "weak_password");
    expect((weak.details as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
    const done = await post("/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toEqual({ status: "password_changed", sessions_ended: 2 });

    expectError(await get("/api/auth/me", { token: web.access_token }), 401, "session_revoked");
    expectError(await get("/api/auth/me", { token: api.access_token }), 401, "session_revoked");
    expect((await post("/api/auth/refresh", { refresh_token: api.refresh_token })).status).toBe(401);
    expectError(await post("/api/auth/login", { email: student.email, password: TEST_PASSWORD }), 401, "invalid_credentials");
    expect((await post("/api/auth/login", { email: student.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await passkeySignIn(auth)).status).toBe(200);

    const db = await testDb();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "password_reset", targetId: student.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ sessions_revoked: 2 });
    const notice = await waitForMail({ to: student.email, subject: CHANGED_SUBJECT });
    expect(notice.text).toContain("/forgot-password");
    expect(audit.details).not.toContain(token);
  });

  it("expired, reused, malformed and foreign tokens: clear 4xx codes, never a 500", async () => {
    const student = await createUser();
    const token = await resetToken(student.email);
    const late = await request("POST", "/api/auth/password-reset/confirm", { json: { token, password: NEW_PASSWORD }, headers: { "x-test-now": inMinutes(31) } });
    const expired = expectError(late, 401, "token_expired");
    expect(expired.details).toEqual({ kind: "password_reset" });
    expect((await post("/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD })).status).toBe(200);
    expectError(await post("/api/auth/password-reset/confirm", { token, password: "Another-Pass-77!" }), 409, "token_used");
    for (const bad of ["A".repeat(43), "short", `${token}x`, "../../etc/passwd"]) {
      expectError(await post("/api/auth/password-reset/confirm", { token: bad, password: NEW_PASSWORD }), 401, "token_invalid");
    }
    for (const body of [{}, { token }, { password: NEW_PASSWORD }, { token: "x".repeat(300), password: NEW_PASSWORD }, { token, password: NEW_PASSWORD, email: student.email }]) {
      expectError(await post("/api/auth/password-reset/confirm", body), 400, "validation_failed");
    }
    // a verification token is foreign here
    const email = uniqueEmail("foreign");
    expect((await signUp({ email })).res.status).toBe(202);
    const verification = tokenIn(await waitForMail({ to: email, subject: "Confirm your email" }), "/verify-email");
    expectError(await post("/api/auth/password-reset/confirm", { token: verification, password: NEW_PASSWORD }), 401, "token_invalid");
    // a newer link retires nothing, but a completed reset retires every other link of the account
    const a = await resetToken(student.email);
    const b = await resetToken(student.email);
    expect((await post("/api/auth/password-reset/confirm", { token: b, password: "Third-Pass-Here-9!" })).status).toBe(200);
    expectError(await post("/api/auth/password-reset/confirm", { token: a, password: "Fourth-Pass-Here-9!" }), 409, "token_used");
  });

  it("30 parallel confirmations of one link: exactly one sets the password", async () => {
    const student = await createUser();
    const token = await resetToken(student.email);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post("/api/auth/password-reset/confirm", { token, password: `Parallel-Pass-${i}-X!` })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, "token_used");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "password_reset", targetId: student.id } })).toBe(1);
  });

  it("30 parallel requests for one account send exactly 3 links; refusals cost no write", async () => {
    const student = await createUser();
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/password-reset", { email: student.email }, { ip: uniqueIp() })));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(202));
    const db = await testDb();
    expect(await db.passwordResetToken.count({ where: { userId: student.id } })).toBe(3);
    expect(await db.outboxMessage.count({ where: { recipient: student.email, subject: RESET_SUBJECT } })).toBe(3);
    const buckets = await db.rateLimitBucket.findMany({ where: { key: { startsWith: "reset_mail_acct:" }, count: 3 } });
    const before = JSON.stringify(buckets);
    // more requests now: answered alike, and nothing is written
    for (let i = 0; i < 5; i++) expect((await post("/api/auth/password-reset", { email: student.email })).status).toBe(202);
    expect(JSON.stringify(await db.rateLimitBucket.findMany({ where: { key: { startsWith: "reset_mail_acct:" }, count: 3 } }))).toBe(before);
    expect(await db.passwordResetToken.count({ where: { userId: student.id } })).toBe(3);
  });

  it("30 parallel requests from one client address: 10 answered 202, 20 refused with 429 that says nothing about any address", async () => {
    const ip = uniqueIp();
    const student = await createUser();
    const emails = [student.email, ...Array.from({ length: 29 }, () => uniqueEmail("nobody"))];
    const results = await Promise.all(emails.map((email) => post("/api/auth/password-reset", { email }, { ip })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(10);
    for (const r of results.filter((x) => x.status !== 202)) {
      expectError(r, 429, "rate_limited");
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    }
    const db = await testDb();
    const bucket = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `reset_ip:${ip}` } });
    expect(bucket.count).toBe(10);
    expectError(await post("/api/auth/password-reset", { email: student.email }, { ip }), 429, "rate_limited");
    expect(await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `reset_ip:${ip}` } })).toEqual(bucket);
  });
});

describe(`password change (${inject("provider")})`, () => {
  it("needs the current password and a new one that passes the policy; other sessions end, this one stays", async () => {
    const student = await createUser();
    const mine = await tokensFor(student);
    const other = await tokensFor(student);
    const url = "/api/auth/change-password";
    expectError(await post(url, { current_password: "Wrong-Pass-99!", new_password: NEW_PASSWORD }, { token: mine.access_token }), 401, "invalid_credentials");
    expectError(await post(url, { current_password: TEST_PASSWORD, new_password: "weak" }, { token: mine.access_token }), 400, "weak_password");
    const same = expectError(await post(url, { current_password: TEST_PASSWORD, new_password: TEST_PASSWORD }, { token: mine.access_token }), 400, "weak_password");
    expect(JSON.stringify(same.details)).toContain("same_as_current");
    expectError(await post(url, { current_password: TEST_PASSWORD, new_password: NEW_PASSWORD }), 401, "unauthenticated");
    const done = await post(url, { current_password: TEST_PASSWORD, new_password: NEW_PASSWORD }, { token: mine.access_token });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toEqual({ status: "password_changed", sessions_ended: 1 });
    expect((await get("/api/auth/me", { token: mine.access_token })).status).toBe(200);
    expectError(await get("/api/auth/me", { token: other.access_token }), 401, "session_revoked");
    expect((await post("/api/auth/login", { email: student.email, password: NEW_PASSWORD })).status).toBe(200);
    expectError(await post("/api/auth/login", { email: student.email, password: TEST_PASSWORD }), 401, "invalid_credentials");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "password_changed", targetId: student.id } })).toBe(1);
    await waitForMail({ to: student.email, subject: CHANGED_SUBJECT });
  });

  it("30 parallel wrong current passwords: 5 checked, 25 refused unchecked, then the right one waits too", async () => {
    const student = await createUser();
    const { access_token: token } = await tokensFor(student);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post("/api/auth/change-password", { current_password: `Wrong-${i}-Pass!`, new_password: NEW_PASSWORD }, { token })));
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(25);
    expectError(await post("/api/auth/change-password", { current_password: TEST_PASSWORD, new_password: NEW_PASSWORD }, { token }), 429, "rate_limited");
  });

  it("30 parallel changes with the right password: exactly one wins, the password is one of theirs", async () => {
    const student = await createUser();
    const { access_token: token } = await tokensFor(student);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post("/api/auth/change-password", { current_password: TEST_PASSWORD, new_password: `Winner-${i}-Pass!` }, { token })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(["conflict", "invalid_credentials", "rate_limited"]).toContain(r.body.error.code);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "password_changed", targetId: student.id } })).toBe(1);
  });
});

describe(`an admin sends a reset link (${inject("provider")})`, () => {
  it("mails the user (never the admin) a link, audited with the admin; students may not; 3 an hour per account", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const student = await createUser();
    const url = `/api/admin/users/${student.id}/send-password-reset`;
    const sent = await post(url, undefined, { token });
    expect(sent.status, sent.text).toBe(202);
    expect(Object.keys(sent.body).sort()).toEqual(["expires_at", "status"]);
    expect(sent.text).not.toMatch(/token|password_hash/i);
    const mail = await waitForMail({ to: student.email, subject: RESET_SUBJECT });
    expect(mail.text).toContain(admin.fullName);
    const db = await testDb();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "password_reset_sent", targetId: student.id } });
    expect(audit.actorId).toBe(admin.id);
    expect((await post("/api/auth/password-reset/confirm", { token: tokenIn(mail, "/reset-password"), password: NEW_PASSWORD })).status).toBe(200);

    const { access_token: studentToken } = await tokensFor(await createUser());
    expectError(await post(url, undefined, { token: studentToken }), 403, "forbidden");
    expectError(await post(url, undefined), 401, "unauthenticated");
    expectError(await post("/api/admin/users/cabcdefghijklmnopqrstuvw/send-password-reset", undefined, { token }), 404, "not_found");
    expectError(await post(`/api/admin/users/${(await createUser({ status: "deactivated" })).id}/send-password-reset`, undefined, { token }), 409, "conflict");

    const other = await createUser();
    const burst = await Promise.all(Array.from({ length: 30 }, () => post(`/api/admin/users/${other.id}/send-password-reset`, undefined, { token })));
    expect(burst.filter((r) => r.status === 202)).toHaveLength(3);
    for (const r of burst.filter((x) => x.status !== 202)) expectError(r, 429, "rate_limited");
    expect(await db.passwordResetToken.count({ where: { userId: other.id } })).toBe(3);
  });
});

describe(`the bootstrap admin changes the given password first (${inject("provider")})`, () => {
  it("signs in, may read who they are and change the password, and nothing else until then (API)", async () => {
    const ctx = await testCtx();
    const email = uniqueEmail("bootstrap");
    const given = "Rc-Printed-Once-42";
    await createAdmin(ctx, { email, password: given, full_name: "Bootstrap Admin" }, { mustChangePassword: true });
    const login = await post("/api/auth/login", { email, password: given });
    expect(login.status, login.text).toBe(200);
    const token = login.body.access_token as string;
    const me = await get("/api/auth/me", { token });
    expect(me.body).toMatchObject({ email, role: "admin", must_change_password: true });
    const blocked = expectError(await get("/api/admin/users", { token }), 403, "password_change_required");
    expect(blocked.details).toEqual({ change_url: "/security" });
    expectError(await post("/api/events", { title: "x" }, { token }), 403, "password_change_required");
    expectError(await get("/api/notifications", { token }), 403, "password_change_required");
    const changed = await post("/api/auth/change-password", { current_password: given, new_password: "Own-Admin-Pass-7!" }, { token });
    expect(changed.status, changed.text).toBe(200);
    expect((await get("/api/admin/users", { token })).status).toBe(200);
    expect((await get("/api/auth/me", { token })).body.must_change_password).toBe(false);
    const db = await testDb();
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
  });
});
