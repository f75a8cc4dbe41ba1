// Signup input rules, the approval queue and decisions (docs/design.md#accounts), over real HTTP.
// Verification itself: tests/integration/verified-signup.test.ts.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, request, uniqueIp } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createStudentWithToken, stepUp } from "../support/factories";
import { eventually } from "../support/poll";
import { createWaitingSignup, SIGNUP_PASSWORD, signUpAndVerify } from "../support/signups";

const GOOD_PASSWORD = SIGNUP_PASSWORD;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

async function signUp(email = uniqueEmail("signup"), password = GOOD_PASSWORD, opts: { ip?: string; name?: string } = {}) {
  return post("/api/auth/signup", { email, password, full_name: opts.name ?? "Ada Student" }, { ip: opts.ip });
}

/** A verified signup waiting for a decision (tests/support/signups.ts). */
const waiting = (email?: string) => createWaitingSignup({ email });

async function decide(token: string, id: string, body: unknown, headers: Record<string, string> = {}) {
  return post(`/api/admin/approval-requests/${id}/decide`, body, { token, headers });
}

describe(`signup (${inject("provider")})`, () => {
  it("a verified signup is a pending account whose request expires APPROVAL_TIMEOUT_MINUTES later; the batched digest tells admins; audited", async () => {
    const { user: admin } = await createAdminWithToken();
    const email = uniqueEmail("new");
    const { verified } = await signUpAndVerify({ email: `  ${email.toUpperCase()} ` });
    expect(verified.body.user).toMatchObject({ email, status: "pending", role: "student", full_name: "Ada Student" });
    const req = verified.body.approval_request;
    expect(req.status).toBe("pending");
    expect(Date.parse(req.expires_at) - Date.parse(req.requested_at)).toBe(3 * 60_000);
    expect(typeof verified.body.status_token).toBe("string");

    const db = await testDb();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.status).toBe("pending");
    // the batched digest (lib/mail/signup-digest.ts) tells every admin, this new one within a sweep
    const digest = await eventually("the signup digest", () => db.notification.findFirst({ where: { userId: admin.id, type: "approval_requested" } }));
    expect(digest.title).toMatch(/waiting for approval/);
    expect(digest.link).toBe("/admin/approvals");
    expect(await db.auditLog.count({ where: { action: "signup", details: { contains: email } } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: user.id, action: "email_verified" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "approval_requested", targetId: req.id } })).toBe(1);
  });

  it.each([
    ["Ab1!", ["too_short"]],
    [`Aa1!${"x".repeat(70)}`, ["too_long"]],
    ["lowercase-only-1", ["missing_uppercase"]],
    ["UPPERCASE-ONLY-1", ["missing_lowercase"]],
    ["No-Digits-Here!", ["missing_digit"]],
    ["NoSpecials123abc", ["missing_special"]],
    ["Password123!", ["common_password"]],
    ["a", ["too_short", "missing_uppercase", "missing_digit", "missing_special"]],
  ])("rejects the password %j with every violated rule %j", async (password, codes) => {
    const email = uniqueEmail("weak");
    const res = await signUp(email, password);
    const error = expectError(res, 400, "weak_password");
    const got = (error.details as { violations: { code: string }[] }).violations.map((v) => v.code);
    expect(got.sort()).toEqual([...codes].sort());
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.pendingSignup.count({ where: { email } })).toBe(0);
  });

  it("strips bidi overrides and zero-width characters from the name, so the approvals page shows what is there", async () => {
    const { token } = await createAdminWithToken();
    const email = uniqueEmail("lookalike");
    const { verified } = await signUpAndVerify({ email, fullName: "Ada\u202E nimda\u200B\u2066 Lovelace\uFEFF" });
    expect(verified.body.user.full_name).toBe("Ada nimda Lovelace");
    expect((await (await testDb()).user.findUniqueOrThrow({ where: { email } })).fullName).toBe("Ada nimda Lovelace");
    const queue = await get("/api/admin/approval-requests?status=pending&limit=200", { token });
    const listed = queue.body.items.find((r: { user?: { email: string } }) => r.user?.email === email);
    expect(listed.user.full_name).toBe("Ada nimda Lovelace");
    for (const name of ["\u200B\u200C\u200D", "\u3164", "\u202E", "   ", "1234"]) {
      const bad = uniqueEmail("blank");
      const refused = expectError(await signUp(bad, GOOD_PASSWORD, { name }), 400, "validation_failed");
      expect(refused.message).toMatch(/full_name The name (is empty|must contain a letter)/);
      expect(await (await testDb()).pendingSignup.count({ where: { email: bad } })).toBe(0);
    }
  });

  it("rejects a password containing the email's local part", async () => {
    const email = uniqueEmail("local");
    const res = await signUp(email, `Xx9!-${email.split("@")[0]}`);
    const error = expectError(res, 400, "weak_password");
    expect((error.details as { violations: { code: string }[] }).violations.map((v) => v.code)).toContain("contains_email");
  });

  it("rate-limits signups per client IP with 429 and Retry-After, refused by a read (no write)", async () => {
    const ip = uniqueIp();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signUp(uniqueEmail("burst"), GOOD_PASSWORD, { ip })).status);
    expect(new Set(statuses)).toEqual(new Set([202]));
    const db = await testDb();
    const before = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `signup_ip:${ip}` } });
    const res = await signUp(uniqueEmail("burst"), GOOD_PASSWORD, { ip });
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    // a client sending its own X-Forwarded-For is still the same client
    const spoofed = await post("/api/auth/signup", { email: uniqueEmail("burst"), password: GOOD_PASSWORD, full_name: "X" }, { ip, headers: { "x-forwarded-for": "203.0.113.9" } });
    expectError(spoofed, 429, "rate_limited");
    expect(await db.rateLimitBucket.findUniqueOrThrow({ where: { key: `signup_ip:${ip}` } })).toEqual(before);
  });

  it("answers bad input with 4xx in the error shape and writes nothing", async () => {
    const email = uniqueEmail("bad");
    const big = "x".repeat(10 * 1024);
    const cases: [unknown, number, string][] = [
      [{}, 400, "validation_failed"],
      [{ email, password: GOOD_PASSWORD }, 400, "validation_failed"],
      [{ email, password: GOOD_PASSWORD, full_name: "A", role: "admin" }, 400, "validation_failed"],
      [{ email, password: 12345678, full_name: "A" }, 400, "validation_failed"],
      [{ email: [email], password: GOOD_PASSWORD, full_name: "A" }, 400, "validation_failed"],
      [{ email: "not-an-email", password: GOOD_PASSWORD, full_name: "A" }, 400, "validation_failed"],
      [{ email: `${big}@example.edu`, password: GOOD_PASSWORD, full_name: "A" }, 400, "validation_failed"],
      [{ email, password: big, full_name: "A" }, 400, "validation_failed"],
      [{ email, password: GOOD_PASSWORD, full_name: big }, 400, "validation_failed"],
      [{ email, password: GOOD_PASSWORD, full_name: "   " }, 400, "validation_failed"],
      [{ email, password: GOOD_PASSWORD, full_name: "Ada\u0000Lovelace" }, 400, "validation_failed"],
      [null, 400, "validation_failed"],
      ["a string", 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) expectError(await post("/api/auth/signup", body), status, code);
    expectError(await request("POST", "/api/auth/signup", { raw: "{not json", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/auth/signup", { raw: `email=${email}`, headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    expectError(await request("POST", "/api/auth/signup", { raw: JSON.stringify({ email, password: "x".repeat(70 * 1024), full_name: "A" }), headers: { "content-type": "application/json" } }), 413, "payload_too_large");
    expect(await (await testDb()).user.count({ where: { email } })).toBe(0);
    expect(await (await testDb()).pendingSignup.count({ where: { email } })).toBe(0);
  });
});

describe(`signup status (${inject("provider")})`, () => {
  it("reports the one request its token names, and flips with the decision", async () => {
    const { token } = await createAdminWithToken();
    const res = await waiting();
    const status = await post("/api/auth/signup/status", { status_token: res.status_token });
    expect(status.status).toBe(200);
    expect(status.body.approval_request).toMatchObject({ id: res.approval_request.id, status: "pending" });
    expect(status.body.approval_request.seconds_remaining).toBeGreaterThan(170);
    await decide(token, res.approval_request.id, { decision: "approved", approved_role: "student" });
    const after = await post("/api/auth/signup/status", { status_token: res.status_token });
    expect(after.body.approval_request).toMatchObject({ status: "approved", seconds_remaining: 0 });
  });

  it("reports expiry from the stored time", async () => {
    const res = await waiting();
    const later = await request("POST", "/api/auth/signup/status", { json: { status_token: res.status_token }, headers: { "x-test-now": inMinutes(3.1) } });
    expect(later.body.approval_request.status).toBe("expired");
  });

  it("refuses forged or malformed tokens", async () => {
    const res = await waiting();
    const [id] = res.status_token.split(".");
    expectError(await post("/api/auth/signup/status", { status_token: `${id}.${"A".repeat(43)}` }), 400, "status_token_invalid");
    expectError(await post("/api/auth/signup/status", { status_token: "garbage" }), 400, "status_token_invalid");
    expectError(await post("/api/auth/signup/status", { status_token: "x".repeat(10 * 1024) }), 400, "validation_failed");
    expectError(await post("/api/auth/signup/status", {}), 400, "validation_failed");
    expectError(await post("/api/auth/signup/status", { status_token: res.status_token, extra: 1 }), 400, "validation_failed");
    expectError(await request("POST", "/api/auth/signup/status", { raw: "{", headers: { "content-type": "application/json" } }), 400, "invalid_json");
  });
});

describe(`approval decisions (${inject("provider")})`, () => {
  it("approves as student: the user becomes active and can log in; the student is notified; audited", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const email = uniqueEmail("ok");
    const res = await waiting(email);
    const id = res.approval_request.id;
    const decided = await decide(token, id, { decision: "approved", approved_role: "student" }, { "user-agent": "panel-test" });
    expect(decided.status).toBe(200);
    expect(decided.body.approval_request).toMatchObject({ id, status: "approved", approved_role: "student" });
    expect(decided.body.approval_request.decided_by.id).toBe(admin.id);
    const login = await post("/api/auth/login", { email, password: GOOD_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, role: "student" });
    const db = await testDb();
    const userId = res.user.id;
    expect(await db.notification.count({ where: { userId, type: "approval_decided" } })).toBe(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: id } });
    expect(audit).toMatchObject({ actorId: admin.id, userAgent: "panel-test" });
    expect(audit.ipAddress).toMatch(/^127\./);
  });

  it("approves as admin: the new admin can use admin endpoints", async () => {
    const { token } = await createAdminWithToken();
    const email = uniqueEmail("newadmin");
    const res = await waiting(email);
    await stepUp(token); // approving as admin needs a fresh proof of presence (tests/integration/step-up.test.ts)
    await decide(token, res.approval_request.id, { decision: "approved", approved_role: "admin" });
    const login = await post("/api/auth/login", { email, password: GOOD_PASSWORD });
    expect(login.body.user.role).toBe("admin");
    expect((await get("/api/admin/approval-requests", { token: login.body.access_token })).status).toBe(200);
  });

  it("rejects with a reason; the user sees it is rejected only with the right password", async () => {
    const { token } = await createAdminWithToken();
    const email = uniqueEmail("no");
    const res = await waiting(email);
    const decided = await decide(token, res.approval_request.id, { decision: "rejected", reason: "Not enrolled" });
    expect(decided.body.approval_request).toMatchObject({ status: "rejected", reason: "Not enrolled" });
    const db = await testDb();
    expect((await db.user.findUniqueOrThrow({ where: { email } })).status).toBe("rejected");
    expectError(await post("/api/auth/login", { email, password: GOOD_PASSWORD }), 403, "account_rejected");
    expectError(await post("/api/auth/login", { email, password: "Wrong-Pass-123" }), 401, "invalid_credentials");
  });

  it("20 admins deciding at once produce exactly one decision", async () => {
    const admins = await Promise.all(Array.from({ length: 20 }, () => createAdminWithToken()));
    const res = await waiting();
    const id = res.approval_request.id;
    const results = await Promise.all(
      admins.map((a, i) => decide(a.token, id, i % 2 ? { decision: "rejected", reason: "race" } : { decision: "approved", approved_role: "student" })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const loser of results.filter((r) => r.status !== 200)) expectError(loser, 409, "approval_already_decided");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "approval_decided", targetId: id } })).toBe(1);
    const row = await db.approvalRequest.findUniqueOrThrow({ where: { id } });
    const winner = results.find((r) => r.status === 200)!;
    expect(row.status).toBe(winner.body.approval_request.status);
    expect(await db.notification.count({ where: { userId: res.user.id, type: "approval_decided" } })).toBe(1);
  });

  it("refuses to decide an expired request (409 approval_expired) and a decided one (409 approval_already_decided)", async () => {
    const { token } = await createAdminWithToken();
    const email = uniqueEmail("exp");
    const res = await waiting(email);
    const id = res.approval_request.id;
    const late = await decide(token, id, { decision: "approved", approved_role: "student" }, { "x-test-now": inMinutes(3) });
    expectError(late, 409, "approval_expired");
    const db = await testDb();
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id } })).status).toBe("expired");
    expect((await db.user.findUniqueOrThrow({ where: { email } })).status).toBe("expired");

    const other = await waiting();
    await decide(token, other.approval_request.id, { decision: "rejected" });
    await stepUp(token);
    expectError(await decide(token, other.approval_request.id, { decision: "approved", approved_role: "admin" }), 409, "approval_already_decided");
  });

  it("answers bad ids and bodies with 4xx and changes nothing", async () => {
    const { token } = await createAdminWithToken();
    const res = await waiting();
    const id = res.approval_request.id;
    for (const bad of ["not-an-id", "x".repeat(200), "%00", "ABC"]) {
      expectError(await decide(token, bad, { decision: "approved", approved_role: "student" }), 404, "not_found");
    }
    expectError(await decide(token, "c" + "0".repeat(24), { decision: "approved", approved_role: "student" }), 404, "approval_not_found");
    const bodies: unknown[] = [
      {},
      { decision: "approved" },
      { decision: "approved", approved_role: "superuser" },
      { decision: "approved", approved_role: "student", reason: "x" },
      { decision: "rejected", approved_role: "student" },
      { decision: "maybe" },
      { decision: "rejected", reason: 5 },
      { decision: "rejected", reason: "x".repeat(10 * 1024) },
      [],
    ];
    for (const body of bodies) expectError(await decide(token, id, body), 400, "validation_failed");
    expectError(await request("POST", `/api/admin/approval-requests/${id}/decide`, { raw: "{", token, headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", `/api/admin/approval-requests/${id}/decide`, { raw: "decision=approved", token, headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    const row = await (await testDb()).approvalRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("pending");
    expect(row.decidedAt).toBeNull();
  });

  it("requires an admin: 401 without a token, 403 for a student", async () => {
    const res = await waiting();
    const id = res.approval_request.id;
    expectError(await get("/api/admin/approval-requests"), 401, "unauthenticated");
    expectError(await post(`/api/admin/approval-requests/${id}/decide`, { decision: "rejected" }), 401, "unauthenticated");
    const { token } = await createStudentWithToken();
    expectError(await get("/api/admin/approval-requests", { token }), 403, "forbidden");
    expectError(await decide(token, id, { decision: "approved", approved_role: "admin" }), 403, "forbidden");
    expect((await (await testDb()).approvalRequest.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });
});

describe(`approval list (${inject("provider")})`, () => {
  it("lists live pending requests first, newest first, and reports expiry from the stored time", async () => {
    const { token } = await createAdminWithToken();
    const older = await waiting();
    const newer = await waiting();
    const decided = await waiting();
    await decide(token, decided.approval_request.id, { decision: "rejected" });

    const list = await get("/api/admin/approval-requests?limit=200", { token });
    expect(list.status).toBe(200);
    const ids: string[] = list.body.items.map((i: { id: string }) => i.id);
    const pendingIdx = [newer, older].map((r) => ids.indexOf(r.approval_request.id));
    expect(pendingIdx[0]).toBeLessThan(pendingIdx[1]!);
    const firstNonPending = list.body.items.findIndex((i: { status: string }) => i.status !== "pending");
    expect(pendingIdx[1]!).toBeLessThan(firstNonPending === -1 ? Infinity : firstNonPending);
    const item = list.body.items[pendingIdx[0]!];
    expect(item).toMatchObject({ status: "pending", user: { email: newer.user.email } });
    expect(item.seconds_remaining).toBeGreaterThan(0);

    const pendingOnly = await get("/api/admin/approval-requests?status=pending&limit=200", { token });
    expect(pendingOnly.body.items.every((i: { status: string }) => i.status === "pending")).toBe(true);
    const rejected = await get("/api/admin/approval-requests?status=rejected&limit=200", { token });
    expect(rejected.body.items.map((i: { id: string }) => i.id)).toContain(decided.approval_request.id);

    const later = { token, headers: { "x-test-now": inMinutes(3) } };
    const expired = await get("/api/admin/approval-requests?status=expired&limit=200", later);
    const expiredIds = expired.body.items.map((i: { id: string }) => i.id);
    expect(expiredIds).toContain(older.approval_request.id);
    expect(expired.body.items.find((i: { id: string }) => i.id === older.approval_request.id).seconds_remaining).toBe(0);
    const stillPending = await get("/api/admin/approval-requests?status=pending&limit=200", later);
    expect(stillPending.body.items.map((i: { id: string }) => i.id)).not.toContain(newer.approval_request.id);
  });

  it("rejects bad query parameters", async () => {
    const { token } = await createAdminWithToken();
    expectError(await get("/api/admin/approval-requests?status=maybe", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/approval-requests?limit=0", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/approval-requests?limit=abc", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/approval-requests?extra=1", { token }), 400, "validation_failed");
    expectError(await get(`/api/admin/approval-requests?status=${"x".repeat(10 * 1024)}`, { token }), 400, "validation_failed");
  });
});
