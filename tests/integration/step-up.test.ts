// Step-up for admins (issue 11): approving someone as admin, making a user admin and revoking
// every QR code need a proof of presence (passkey or password) in this session within 5 minutes.
import { describe, expect, inject, it } from "vitest";
import { expectError, patch, post, request, uniqueIp } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, stepUp, tokensFor, TEST_PASSWORD } from "../support/factories";
import { addPasskey, softAuthenticator } from "../support/passkeys";
import { createWaitingSignup } from "../support/signups";

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function pendingSignup() {
  return (await createWaitingSignup({ email: uniqueEmail("stepup"), fullName: "Future Admin" })).approval_request.id;
}

describe(`step-up for sensitive admin actions (${inject("provider")})`, () => {
  it("making a user admin needs a fresh proof; a password proof lasts 5 minutes in that session only", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const student = await createUser();
    const url = `/api/admin/users/${student.id}`;
    const refused = expectError(await patch(url, { role: "admin" }, { token }), 403, "step_up_required");
    expect(refused.details).toEqual({ step_up_url: "/api/auth/step-up", methods: ["passkey", "password"], max_age_seconds: 300 });
    expect((await (await testDb()).user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("student");

    expectError(await post("/api/auth/step-up", { method: "password", password: "Wrong-Password-1!" }, { token }), 401, "invalid_credentials");
    const ok = await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.valid_until) - Date.parse(ok.body.stepped_up_at)).toBe(300_000);
    // another session of the same admin is not stepped up
    const other = await tokensFor(admin);
    expectError(await patch(url, { role: "admin" }, { token: other.access_token }), 403, "step_up_required");
    // five minutes later, not any more
    expectError(await patch(url, { role: "admin" }, { token, headers: { "x-test-now": inSeconds(310) } }), 403, "step_up_required");
    const made = await patch(url, { role: "admin" }, { token });
    expect(made.status).toBe(200);
    expect(made.body.user.role).toBe("admin");
    // demoting, deactivating and other changes need no step-up
    const { token: fresh } = await createAdminWithToken();
    expect((await patch(url, { role: "student" }, { token: fresh })).status).toBe(200);

    const db = await testDb();
    const audits = await db.auditLog.findMany({ where: { actorId: admin.id, action: { in: ["step_up_ok", "step_up_failed"] } }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, JSON.parse(a.details).method])).toEqual([["step_up_failed", "password"], ["step_up_ok", "password"]]);
  });

  it("approving as admin needs it; approving as student does not", async () => {
    const { token } = await createAdminWithToken();
    const asAdmin = await pendingSignup();
    const asStudent = await pendingSignup();
    expectError(await post(`/api/admin/approval-requests/${asAdmin}/decide`, { decision: "approved", approved_role: "admin" }, { token }), 403, "step_up_required");
    expect((await post(`/api/admin/approval-requests/${asStudent}/decide`, { decision: "approved", approved_role: "student" }, { token })).status).toBe(200);
    await stepUp(token);
    const decided = await post(`/api/admin/approval-requests/${asAdmin}/decide`, { decision: "approved", approved_role: "admin" }, { token });
    expect(decided.body.approval_request).toMatchObject({ status: "approved", approved_role: "admin" });
  });

  it("a bulk approval as admin is refused as a whole without it", async () => {
    const { token } = await createAdminWithToken();
    const ids = [await pendingSignup(), await pendingSignup()];
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids, decision: "approved", approved_role: "admin" }, { token }), 403, "step_up_required");
    const db = await testDb();
    expect(await db.approvalRequest.count({ where: { id: { in: ids }, status: "pending" } })).toBe(2);
    await stepUp(token);
    const res = await post("/api/admin/approval-requests/decide-bulk", { ids, decision: "approved", approved_role: "admin" }, { token });
    expect(res.body.summary).toEqual({ decided: 2, failed: 0 });
  });

  it("revoking every QR code needs it (the stepped-up revocation is in attendance.test.ts: it would disturb other files' codes here)", async () => {
    const { token } = await createAdminWithToken();
    expectError(await post("/api/admin/qr-sessions/revoke-all", undefined, { token }), 403, "step_up_required");
  });

  it("failed proofs are limited per user atomically: of 30 wrong passwords at once, 5 are checked", async () => {
    const { token } = await createAdminWithToken();
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/step-up", { method: "password", password: "Wrong-Password-1!" }, { token, ip: uniqueIp() })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    // the five wrong passwords were also five guesses against the account: it is locked
    expectError(await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token }), 429, "account_locked");
  });

  it("password step-up guesses count toward the account lockout: a stolen session cannot guess past it", async () => {
    const admin = await createUser({ role: "admin" });
    const sessions = await Promise.all(Array.from({ length: 3 }, () => tokensFor(admin)));
    // 24 guesses at once from three stolen sessions: at most five are checked
    const guesses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post("/api/auth/step-up", { method: "password", password: `Wrong-Password-${i}!` }, { token: sessions[i % 3]!.access_token, ip: uniqueIp() })),
    );
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(5);
    for (const r of guesses.filter((g) => g.status !== 401)) expect(r.status).toBe(429);
    // the account is locked for password login, and the right password cannot step up either
    expectError(await post("/api/auth/login", { email: admin.email, password: TEST_PASSWORD }, { ip: uniqueIp() }), 429, "account_locked");
    const { access_token: fresh } = await tokensFor(admin);
    const refused = expectError(await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token: fresh }), 429, "account_locked");
    expect(refused.details).toMatchObject({ retry_after_seconds: expect.any(Number) });
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "login_locked", targetId: admin.id } })).toBe(1);
    expect(await db.authSession.count({ where: { userId: admin.id, steppedUpAt: { not: null } } })).toBe(0);
  });

  it("a locked account cannot step up with its password; once the lock ends it can", async () => {
    const admin = await createUser({ role: "admin" });
    const { access_token: token } = await tokensFor(admin);
    for (let i = 0; i < 5; i++) expectError(await post("/api/auth/login", { email: admin.email, password: "Wrong-Password-1!" }, { ip: uniqueIp() }), 401, "invalid_credentials");
    expectError(await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token }), 429, "account_locked");
    const student = await createUser();
    expectError(await patch(`/api/admin/users/${student.id}`, { role: "admin" }, { token }), 403, "step_up_required");
    const after = { "x-test-now": inSeconds(31) };
    expect((await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }, { token, headers: after })).status).toBe(200);
  });

  it("a passkey proves presence too: options list only your passkeys, bound to this session", async () => {
    const admin = await createUser({ role: "admin" });
    const { access_token: token } = await tokensFor(admin);
    expectError(await request("POST", "/api/auth/step-up/options", { token }), 404, "passkey_not_found");
    const auth = softAuthenticator();
    // added in an earlier session of this admin (the session that adds a passkey cannot step up with it)
    const added = await addPasskey((await tokensFor(admin)).access_token, auth);
    expect(added.status).toBe(201);

    const options = await request("POST", "/api/auth/step-up/options", { token });
    expect(options.body).toMatchObject({ rpId: "localhost", userVerification: "required", allowCredentials: [expect.objectContaining({ id: auth.credentials.keys().next().value })] });
    // a challenge of this session cannot step up another session of the same admin
    const other = await tokensFor(admin);
    expectError(await request("POST", "/api/auth/step-up", { token: other.access_token, json: { method: "passkey", response: auth.assert(options.body) } }), 400, "passkey_challenge_invalid");
    const proof = auth.assert(options.body);
    expect((await request("POST", "/api/auth/step-up", { token, json: { method: "passkey", response: proof } })).status).toBe(200);
    expectError(await request("POST", "/api/auth/step-up", { token, json: { method: "passkey", response: proof } }), 409, "passkey_challenge_used");
    const student = await createUser();
    expect((await request("PATCH", `/api/admin/users/${student.id}`, { token, json: { role: "admin" } })).status).toBe(200);

    // someone else's passkey is not yours
    const intruder = await createUser({ role: "admin" });
    const { access_token: intruderToken } = await tokensFor(intruder);
    const intruderAuth = softAuthenticator();
    await addPasskey(intruderToken, intruderAuth);
    const mine = await request("POST", "/api/auth/step-up/options", { token });
    const theirs = intruderAuth.assert({ ...mine.body, allowCredentials: [] });
    expectError(await request("POST", "/api/auth/step-up", { token, json: { method: "passkey", response: theirs } }), 401, "passkey_unknown");
    const db = await testDb();
    const ok = await db.auditLog.findFirstOrThrow({ where: { action: "step_up_ok", actorId: admin.id, details: { contains: '"method":"passkey"' } } });
    expect(JSON.parse(ok.details)).toMatchObject({ method: "passkey", passkey_id: added.body.passkey.id });
  });

  it("validates the body and needs a signed-in session", async () => {
    const { token } = await createAdminWithToken();
    expectError(await post("/api/auth/step-up", { password: TEST_PASSWORD }, { token }), 400, "validation_failed");
    expectError(await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD, extra: 1 }, { token }), 400, "validation_failed");
    expectError(await post("/api/auth/step-up", { method: "password", password: TEST_PASSWORD }), 401, "unauthenticated");
  });
});
