// Verified email at signup (docs/authentication.md#verified-email-at-signup), over real HTTP with
// the real mail read from the test SMTP server: the same answer for every address, no account
// until a mailed secret comes back, each secret verifying its own signup, bounded code guesses,
// single use under 30 parallel attempts, resends, expiry and bad tokens.
import { describe, expect, inject, it } from "vitest";
import { expectError, post, request, uniqueIp } from "../support/api";
import { createCourse, importCsv, rosterCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";
import { mailsTo, waitForMail } from "../support/mailbox";
import { timePaths, type TimedPath } from "../support/timing";
import { codeIn, createWaitingSignup, signUp, signUpAndVerify, SIGNUP_PASSWORD, tokenIn, verificationMail, verificationMailsNaming, VERIFICATION_SUBJECT } from "../support/signups";

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe(`signup answers the same for every address (${inject("provider")})`, () => {
  it("202 {status: verification_sent} for a new, an unverified, a waiting, a rostered and a registered address; only a new signup row, never an account", async () => {
    const { token } = await createAdminWithToken();
    const course = await createCourse(token);
    const rostered = uniqueEmail("onroster");
    await importCsv(token, course.id, rosterCsv([rostered]));
    const unverified = uniqueEmail("twice");
    expect((await signUp({ email: unverified })).res.status).toBe(202);
    const waiting = await createWaitingSignup();
    const active = await createUser();
    const deactivated = await createUser({ status: "deactivated" });
    const fresh = uniqueEmail("fresh");

    const answers = [];
    for (const email of [fresh, unverified, waiting.email, rostered, active.email.toUpperCase(), deactivated.email]) {
      const { res } = await signUp({ email });
      answers.push({ status: res.status, body: res.body, headers: Object.keys(res.headers).filter((h) => !["date", "x-request-id", "content-length"].includes(h)).sort() });
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 202, body: { status: "verification_sent" } });

    const db = await testDb();
    for (const email of [fresh, rostered]) {
      expect(await db.user.count({ where: { email } })).toBe(0);
      expect(await db.pendingSignup.count({ where: { email } })).toBe(1);
    }
    expect(await db.pendingSignup.count({ where: { email: unverified } })).toBe(2);
    for (const email of [waiting.email, active.email, deactivated.email]) {
      expect(await db.pendingSignup.count({ where: { email } })).toBe(0);
      expect(await db.user.count({ where: { email } })).toBe(1);
      // a registered address gets a pointer, not a second account
      const mail = await waitForMail({ to: email, subject: "You already have a Rollcall account" });
      expect(mail.text).toContain("/forgot-password");
      expect(mail.text).not.toMatch(/verify-email|code \d{6}/);
    }
    for (const email of [fresh, rostered]) {
      const mail = await verificationMail(email);
      expect(mail.text).toContain("/verify-email?token=");
      expect(mail.text).toContain(codeIn(mail));
      expect(mail.html).toContain("Confirm my email");
      expect(mail.text).toContain("Rollcall");
    }
  });

  it("takes the same time for a new, an unverified and a registered address (the same work on every path)", async () => {
    // each path's request is sent at the same moment as the others' (tests/support/timing.ts)
    const path = (email: () => Promise<string>): TimedPath => async () => {
      const address = await email();
      return async () => expect((await signUp({ email: address })).res.status).toBe(202);
    };
    const times = await timePaths({
      fresh: path(async () => uniqueEmail("t-fresh")),
      registered: path(async () => (await createUser()).email),
      unverified: path(async () => {
        const email = uniqueEmail("t-unverified");
        await signUp({ email });
        return email;
      }),
    });
    // the same bcrypt, one read and one transaction each way
    expect(times.spread, JSON.stringify(times)).toBeLessThan(2);
  });
});

describe(`verification (${inject("provider")})`, () => {
  it("the mailed link verifies the signup it was sent for: the account is made now, with that signup's password and name, and the 3-minute rule starts now", async () => {
    const email = uniqueEmail("verify");
    const signedUpAt = Date.now();
    const { res } = await signUp({ email, fullName: "Grace Hopper", password: "Cobol-Compiler-59!" });
    expect(res.status).toBe(202);
    const mail = await verificationMail(email);
    const at = inHours(2); // two hours later, still within the 24 h
    const verified = await request("POST", "/api/auth/verify-email", { json: { token: tokenIn(mail, "/verify-email") }, headers: { "x-test-now": at } });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toMatchObject({ status: "pending", reopened: false, user: { email, full_name: "Grace Hopper", status: "pending", role: "student" } });
    expect(Date.parse(verified.body.approval_request.requested_at)).toBe(Date.parse(at));
    expect(Date.parse(verified.body.approval_request.expires_at) - Date.parse(at)).toBe(3 * 60_000);
    expect(Date.parse(at) - signedUpAt).toBeGreaterThan(3_600_000);
    const db = await testDb();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt?.toISOString()).toBe(at);
    expect(await db.auditLog.count({ where: { action: "email_verified", targetId: user.id } })).toBe(1);
    // the status token follows the approval request, as the waiting page does
    const status = await request("POST", "/api/auth/signup/status", { json: { status_token: verified.body.status_token }, headers: { "x-test-now": at } });
    expect(status.body.approval_request).toMatchObject({ id: verified.body.approval_request.id, status: "pending" });
    // the signup's own password: pending now (said only after the right password)
    const pending = expectError(await request("POST", "/api/auth/login", { json: { email, password: "Cobol-Compiler-59!" }, headers: { "x-test-now": at } }), 403, "account_pending");
    // the owner's own status token is handed over after the right password (not masked like a logged secret)
    const handed = (pending.details as { status_token: string }).status_token;
    expect(handed).not.toContain("redacted");
    const followed = await request("POST", "/api/auth/signup/status", { json: { status_token: handed }, headers: { "x-test-now": at } });
    expect(followed.body.approval_request.id).toBe(verified.body.approval_request.id);
  });

  it("the 6-digit code verifies the same way, for a student reading mail on another device", async () => {
    const email = uniqueEmail("code");
    expect((await signUp({ email })).res.status).toBe(202);
    const mail = await verificationMail(email);
    const code = codeIn(mail);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    const verified = await post("/api/auth/verify-email", { email: ` ${email.toUpperCase()} `, code: spaced });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.user.email).toBe(email);
    // the link of the same mail is spent with it
    expectError(await post("/api/auth/verify-email", { token: tokenIn(mail, "/verify-email") }), 409, "token_used");
  });

  it("until verified the signup cannot sign in (email_unverified, only with its password) and unverified signups expire after 24 h", async () => {
    const email = uniqueEmail("unverified");
    expect((await signUp({ email, password: "Unverified-Pass-1!" })).res.status).toBe(202);
    const mail = await verificationMail(email);
    const refused = expectError(await post("/api/auth/login", { email, password: "Unverified-Pass-1!" }), 403, "email_unverified");
    expect(refused.details).toEqual({ email });
    expectError(await post("/api/auth/login", { email, password: "Wrong-Pass-123!" }), 401, "invalid_credentials");
    const late = { "x-test-now": inHours(24.1) };
    expectError(await request("POST", "/api/auth/login", { json: { email, password: "Unverified-Pass-1!" }, headers: late }), 401, "invalid_credentials");
    const expired = await request("POST", "/api/auth/verify-email", { json: { token: tokenIn(mail, "/verify-email") }, headers: late });
    expectError(expired, 401, "token_expired");
    expect((expired.body as { error: { details: unknown } }).error.details).toEqual({ kind: "verification" });
    expectError(await request("POST", "/api/auth/verify-email", { json: { email, code: codeIn(mail) }, headers: late }), 401, "token_invalid");
    expect(await (await testDb()).user.count({ where: { email } })).toBe(0);
  });

  it("a signup of a rejected address reopens it with the verified signup's password and name", async () => {
    const { token } = await createAdminWithToken();
    const first = await createWaitingSignup();
    expect((await post(`/api/admin/approval-requests/${first.approval_request.id}/decide`, { decision: "rejected", reason: "Unknown" }, { token })).status).toBe(200);
    const { verified } = await signUpAndVerify({ email: first.email, password: "Second-Try-Pass-2!", fullName: "Ada Lovelace" });
    expect(verified.body).toMatchObject({ status: "pending", reopened: true, user: { id: first.user.id, full_name: "Ada Lovelace", status: "pending" } });
    expect(verified.body.approval_request.id).not.toBe(first.approval_request.id);
    expectError(await post("/api/auth/login", { email: first.email, password: "Second-Try-Pass-2!" }), 403, "account_pending");
    expectError(await post("/api/auth/login", { email: first.email, password: SIGNUP_PASSWORD }), 401, "invalid_credentials");
  });

  it("expired, reused, malformed and foreign tokens get a clear 4xx with a code, never a 500 and never a hint about the address", async () => {
    const { email, mail } = await signUpAndVerify();
    const used = tokenIn(mail, "/verify-email");
    const cases: [unknown, number, string][] = [
      [{ token: used }, 409, "token_used"],
      [{ token: "A".repeat(43) }, 401, "token_invalid"],
      [{ token: "not a token" }, 401, "token_invalid"],
      [{ token: `${used}x` }, 401, "token_invalid"],
      [{ token: used.slice(1) }, 401, "token_invalid"],
      [{ email, code: "000000" }, 401, "token_invalid"],
      [{ email: uniqueEmail("nobody"), code: "123456" }, 401, "token_invalid"],
    ];
    for (const [body, status, code] of cases) {
      const e = expectError(await post("/api/auth/verify-email", body), status, code);
      expect(e.message).not.toContain(email);
    }
    for (const body of [{}, { token: "" }, { token: "x".repeat(300) }, { email, code: "12345" }, { email, code: "abcdef" }, { email: "nope", code: "123456" }, { token: used, email }, { email }]) {
      expectError(await post("/api/auth/verify-email", body), 400, "validation_failed");
    }
    expectError(await request("POST", "/api/auth/verify-email", { raw: "{", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    // a password-reset token is foreign here
    const student = await createUser();
    expect((await post("/api/auth/password-reset", { email: student.email })).status).toBe(202);
    const reset = await waitForMail({ to: student.email, subject: "Reset your Rollcall password" });
    expectError(await post("/api/auth/verify-email", { token: tokenIn(reset, "/reset-password") }), 401, "token_invalid");
  });
});

describe(`one-time secrets and limits under 30 parallel attempts (${inject("provider")})`, () => {
  it("30 parallel verifications with one token: exactly one account", async () => {
    const email = uniqueEmail("race");
    expect((await signUp({ email })).res.status).toBe(202);
    const token = tokenIn(await verificationMail(email), "/verify-email");
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/verify-email", { token })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, "token_used");
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.approvalRequest.count({ where: { user: { email } } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "email_verified", details: { contains: email } } })).toBe(1);
  });

  it("five signups of one address verified at once (30 requests, link and code): one account, every other signup retired", async () => {
    const email = uniqueEmail("many");
    const names = ["One", "Two", "Three", "Four", "Five"].map((n) => `Student ${n}`);
    for (const fullName of names) expect((await signUp({ email, fullName, ip: uniqueIp() })).res.status).toBe(202);
    const mails = await Promise.all(names.map(async (n) => (await verificationMailsNaming(email, n))[0]!));
    const attempts = Array.from({ length: 30 }, (_, i) => {
      const m = mails[i % 5]!;
      return i % 2 ? post("/api/auth/verify-email", { token: tokenIn(m, "/verify-email") }) : post("/api/auth/verify-email", { email, code: codeIn(m) });
    });
    const results = await Promise.all(attempts);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    // the losers: spent or retired secrets, the address taken, or (codes) the wrong-code budget spent
    for (const r of results.filter((x) => x.status !== 200)) expect(["token_used", "token_invalid", "email_taken", "rate_limited"]).toContain(r.body.error.code);
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await db.pendingSignup.count({ where: { email, usedAt: null } })).toBe(0);
    // the winner's own name and password
    expect((await db.user.findUniqueOrThrow({ where: { email } })).fullName).toBe(ok[0]!.body.user.full_name);
  });

  it("30 parallel wrong codes for one address: exactly 5 are checked, the rest refused unchecked, and then even the right code waits (the link still works)", async () => {
    const email = uniqueEmail("guess");
    expect((await signUp({ email })).res.status).toBe(202);
    const mail = await verificationMail(email);
    const right = codeIn(mail);
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(wrong.map((code) => post("/api/auth/verify-email", { email, code })));
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(25);
    for (const r of results.filter((x) => x.status === 429)) expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    expectError(await post("/api/auth/verify-email", { email, code: right }), 429, "rate_limited");
    expect((await post("/api/auth/verify-email", { token: tokenIn(mail, "/verify-email") })).status).toBe(200);
  });

  it("resend mails the newest signup a new link and code (the old ones stop working); 30 parallel resends send at most the address's 5 mails an hour", async () => {
    const email = uniqueEmail("resend");
    expect((await signUp({ email, fullName: "Resend Person" })).res.status).toBe(202);
    const [first] = await verificationMailsNaming(email, "Resend Person");
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/verify-email/resend", { email }, { ip: uniqueIp() })));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(202));
    for (const r of results) expect(r.body).toEqual({ status: "verification_sent" });
    const all = await verificationMailsNaming(email, "Resend Person", 5);
    await new Promise((r) => setTimeout(r, 2500)); // the sender delivers within a second: nothing more comes
    expect(await mailsTo(email, VERIFICATION_SUBJECT)).toHaveLength(5);
    const db = await testDb();
    expect(await db.outboxMessage.count({ where: { recipient: email } })).toBe(5);
    expectError(await post("/api/auth/verify-email", { token: tokenIn(first!, "/verify-email") }), 401, "token_invalid");
    // each resend replaced the secret before it: of the four resent links exactly one (the last written) works
    const tries = [];
    const firstToken = tokenIn(first!, "/verify-email");
    const resent = all.filter((m) => tokenIn(m, "/verify-email") !== firstToken); // a mail read twice is two objects: compare the secrets
    expect(resent).toHaveLength(4);
    for (const m of resent) tries.push(await post("/api/auth/verify-email", { token: tokenIn(m, "/verify-email") }));
    expect(tries.map((t) => t.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it("resends per client address: 10 in 15 minutes, then 429 decided by a read (no write), the same for unknown addresses", async () => {
    const ip = uniqueIp();
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/verify-email/resend", { email: uniqueEmail("nobody") }, { ip })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(10);
    for (const r of results.filter((x) => x.status !== 202)) expectError(r, 429, "rate_limited");
    const db = await testDb();
    const bucket = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `verify_resend_ip:${ip}` } });
    expect(bucket.count).toBe(10);
    expectError(await post("/api/auth/verify-email/resend", { email: uniqueEmail("nobody") }, { ip }), 429, "rate_limited");
    expect(await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `verify_resend_ip:${ip}` } })).toEqual(bucket);
  });

  it("30 parallel signups of one address send at most 5 verification mails (a mailbox cannot be flooded through Rollcall) and all answer 202", async () => {
    const email = uniqueEmail("flood");
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp({ email, fullName: `Flood ${i}`, ip: uniqueIp() })));
    expect(results.map((r) => r.res.status)).toEqual(Array(30).fill(202));
    const db = await testDb();
    expect(await db.outboxMessage.count({ where: { recipient: email } })).toBe(5);
    expect(await db.pendingSignup.count({ where: { email } })).toBe(5);
  });
});
