// Roster auto-approval at verification (and its race with an import), the closed roster-email
// takeover (an impostor's unverified signup never gets in), and bulk approval decisions.
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, post, request } from "../support/api";
import { codeIn, signUp, signUpAndVerify, tokenIn, verificationMail, verificationMailsNaming } from "../support/signups";
import { createCourse, importCsv, rosterCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, tokensFor } from "../support/factories";
import { eventually } from "../support/poll";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

/** A pending account with one approval request expiring `minutes` from now (negative: expired). */
async function pendingRequest(minutes = 3) {
  const user = await createUser({ status: "pending" });
  const db = await testDb();
  const now = Date.now();
  const req = await db.approvalRequest.create({ data: { userId: user.id, status: "pending", requestedAt: new Date(now - 60_000), expiresAt: new Date(now + minutes * 60_000) } });
  return { user, id: req.id };
}

describe("roster auto-approval at verification", () => {
  it("a verified signup on an active course's roster is an active student at once, audited as the roster import, admins not bothered, no 'approved' notice", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("rostered");
    await importCsv(admin.token, course.id, rosterCsv([email]));
    const { verified, password } = await signUpAndVerify({ email: email.toUpperCase(), fullName: "Rosa Roster" });
    expect(verified.body).toMatchObject({ status: "active", user: { email, status: "active", role: "student", full_name: "Rosa Roster" } });
    expect(verified.body.approval_request).toMatchObject({ status: "approved", approved_role: "student" });
    const login = await post("/api/auth/login", { email, password });
    expect(login.status, login.text).toBe(200);
    const db = await testDb();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: verified.body.approval_request.id } });
    expect(audit.actorId).toBeNull();
    expect(JSON.parse(audit.details)).toMatchObject({ decision: "approved", approved_role: "student", decided_by: "roster_import", course_id: course.id, course_code: course.code });
    expect(await db.notification.count({ where: { userId: admin.user.id, type: "approval_requested", body: { contains: email } } })).toBe(0);
    // told by the verification answer: no "your account was approved" notice for a roster approval
    expect(await db.notification.count({ where: { userId: user.id, type: "approval_decided" } })).toBe(0);
    expect((await db.enrollment.findFirstOrThrow({ where: { courseId: course.id, email } })).userId).toBe(user.id);
  });

  it("a dropped enrolment, an archived course or no roster at all leave the verified signup pending, announced in the batched digest", async () => {
    const course = await createCourse(admin.token);
    const [dropped, archived, nobody] = [uniqueEmail("dropped"), uniqueEmail("archived"), uniqueEmail("nobody")];
    await importCsv(admin.token, course.id, rosterCsv([dropped]));
    await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "mode=replace");
    const old = await createCourse(admin.token);
    await importCsv(admin.token, old.id, rosterCsv([archived]));
    await request("PATCH", `/api/courses/${old.id}`, { token: admin.token, json: { archived: true } });
    const fresh = await createAdminWithToken(); // no digest yet, so the sweep after these signups tells this one
    const requests: string[] = [];
    for (const email of [dropped, archived, nobody]) {
      const { verified } = await signUpAndVerify({ email });
      expect(verified.body.status).toBe("pending");
      expect(verified.body.user.status).toBe("pending");
      expect(verified.body.approval_request.status).toBe("pending");
      requests.push(verified.body.approval_request.id);
    }
    // pending like any signup: the batched digest announces them to the admins (lib/mail/signup-digest.ts)
    const db = await testDb();
    const digest = await eventually("the signup digest", () => db.notification.findFirst({ where: { userId: fresh.user.id, type: "approval_requested" } }));
    expect(digest.title).toMatch(/waiting for approval/);
    expect(await db.approvalRequest.count({ where: { id: { in: requests }, status: "pending" } })).toBe(3);
  });

  it("30 verifications racing the import that names them are all approved, each exactly once", async () => {
    const course = await createCourse(admin.token);
    const emails = Array.from({ length: 30 }, () => uniqueEmail("racer"));
    const since = new Date(Date.now() - 1000);
    const signups = await Promise.all(emails.map((email) => signUp({ email })));
    expect(signups.map((s) => s.res.status)).toEqual(Array(30).fill(202));
    const tokens = await Promise.all(emails.map(async (e) => tokenIn(await verificationMail(e, since), "/verify-email")));
    const [imported, ...verified] = await Promise.all([importCsv(admin.token, course.id, rosterCsv(emails)), ...tokens.map((token) => post("/api/auth/verify-email", { token }))]);
    expect(imported.status, imported.text).toBe(200);
    expect(verified.map((v) => v.status)).toEqual(Array(30).fill(200));
    const db = await testDb();
    const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, status: true, role: true } });
    expect(users.map((u) => `${u.status}/${u.role}`)).toEqual(Array(30).fill("active/student"));
    const decisions = await db.approvalRequest.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { id: true, status: true } });
    expect(decisions.map((d) => d.status)).toEqual(Array(30).fill("approved"));
    // each request decided once: one audit row per decision
    const audits = await db.auditLog.groupBy({ by: ["targetId"], where: { action: "approval_decided", targetId: { in: decisions.map((d) => d.id) } }, _count: { _all: true } });
    expect(audits.map((a) => a._count._all)).toEqual(Array(30).fill(1));
    // …by exactly one of the two: the students the import says it approved are the ones told
    // "your account was approved" (an approval as the account opens tells no one), and nobody is
    // told twice. (A verification's answer says "active" also when the import approved that student
    // a moment earlier: it reports the account, not who decided.)
    const byImport = (imported.body.approved_signups as { user_id: string }[]).map((a) => a.user_id).sort();
    expect(imported.body.summary.approved_signups).toBe(byImport.length);
    const told = await db.notification.findMany({ where: { userId: { in: users.map((u) => u.id) }, type: "approval_decided" }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual(byImport);
    expect(verified.filter((v) => v.body.status === "active").length).toBeGreaterThanOrEqual(30 - byImport.length);
  });
});

describe("the roster-email takeover is closed", () => {
  it("an impostor's signup of a rostered address never gets in; the owner's later signup gets the account, with the owner's password and name", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("rosa");
    await importCsv(admin.token, course.id, rosterCsv([email]));
    const impostor = { password: "Impostor-Pass-77!", fullName: "Mallory Impostor" };
    expect((await signUp({ email, ...impostor })).res.status).toBe(202);
    await verificationMailsNaming(email, impostor.fullName);
    const db = await testDb();
    // no account, no approval, no claim: the address is still free
    expect(await db.user.count({ where: { email } })).toBe(0);
    expectError(await post("/api/auth/login", { email, password: impostor.password }), 403, "email_unverified");
    expect((await post("/api/auth/verify-email/resend", { email })).status).toBe(202);
    const impostors = await verificationMailsNaming(email, impostor.fullName, 2);

    // the owner signs up too, and gets their own mail for their own signup
    const owner = { password: "Owner-Pass-2026!", fullName: "Rosa Owner" };
    expect((await signUp({ email, ...owner })).res.status).toBe(202);
    const [ownerMail] = await verificationMailsNaming(email, owner.fullName);
    // the impostor's password never signs in, even while both signups wait
    expect((await post("/api/auth/login", { email, password: impostor.password })).status).not.toBe(200);

    const verified = await post("/api/auth/verify-email", { token: tokenIn(ownerMail!, "/verify-email") });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toMatchObject({ status: "active", user: { email, full_name: "Rosa Owner", status: "active" } });
    expect((await post("/api/auth/login", { email, password: owner.password })).status).toBe(200);
    expectError(await post("/api/auth/login", { email, password: impostor.password }), 401, "invalid_credentials");
    // the impostor's links and codes are dead now (the first link was replaced by the resend)
    expectError(await post("/api/auth/verify-email", { token: tokenIn(impostors[0]!, "/verify-email") }), 401, "token_invalid");
    expectError(await post("/api/auth/verify-email", { token: tokenIn(impostors[1]!, "/verify-email") }), 409, "token_used");
    for (const m of impostors) expectError(await post("/api/auth/verify-email", { email, code: codeIn(m) }), 401, "token_invalid");
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("a later roster import does not approve an unverified squatter", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("squat");
    const { res } = await signUp({ email, password: "Squatter-Pass-1!", fullName: "Sam Squatter" });
    expect(res.status).toBe(202);
    const imported = await importCsv(admin.token, course.id, rosterCsv([email]));
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body.summary.approved_signups).toBe(0);
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await db.enrollment.findFirstOrThrow({ where: { courseId: course.id, email } })).userId).toBeNull();
    expectError(await post("/api/auth/login", { email, password: "Squatter-Pass-1!" }), 403, "email_unverified");
  });
});

describe("POST /api/admin/approval-requests/decide-bulk", () => {
  it("decides each id under the single-decision rules: a result per id, expired ones with their 409 code, each audited", async () => {
    const live = [await pendingRequest(), await pendingRequest()];
    const expired = await pendingRequest(-1);
    const decided = await pendingRequest();
    expect((await post(`/api/admin/approval-requests/${decided.id}/decide`, { decision: "rejected" }, { token: admin.token })).status).toBe(200);
    const unknown = "cabcdefghijklmnopqrstuvw";
    const ids = [live[0]!.id, expired.id, live[1]!.id, decided.id, unknown, live[0]!.id];
    const res = await post("/api/admin/approval-requests/decide-bulk", { ids, decision: "approved", approved_role: "student" }, { token: admin.token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.summary).toEqual({ decided: 2, failed: 3 });
    expect(res.body.results.map((r: { id: string; ok: boolean; status?: number; error?: { code: string } }) => [r.id, r.ok, r.status ?? 200, r.error?.code ?? null])).toEqual([
      [live[0]!.id, true, 200, null],
      [expired.id, false, 409, "approval_expired"],
      [live[1]!.id, true, 200, null],
      [decided.id, false, 409, "approval_already_decided"],
      [unknown, false, 404, "approval_not_found"],
    ]);
    expect(res.body.results[0].approval_request).toMatchObject({ status: "approved", approved_role: "student" });
    const db = await testDb();
    for (const l of live) expect((await db.user.findUniqueOrThrow({ where: { id: l.user.id } })).status).toBe("active");
    expect((await db.user.findUniqueOrThrow({ where: { id: expired.user.id } })).status).toBe("expired");
    expect(await db.auditLog.count({ where: { action: "approval_decided", actorId: admin.user.id, targetId: { in: live.map((l) => l.id) } } })).toBe(2);

    const reject = await post("/api/admin/approval-requests/decide-bulk", { ids: [(await pendingRequest()).id], decision: "rejected", reason: "not enrolled here" }, { token: admin.token });
    expect(reject.body.results[0]).toMatchObject({ ok: true, approval_request: { status: "rejected", reason: "not enrolled here" } });
  });

  it("refuses bad input and non-admins", async () => {
    const o = { token: admin.token };
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids: [], decision: "approved", approved_role: "student" }, o), 400, "validation_failed");
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids: ["x"], decision: "approved", approved_role: "student" }, o), 400, "validation_failed");
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids: [(await pendingRequest()).id], decision: "approved" }, o), 400, "validation_failed");
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids: Array(501).fill("cabcdefghijklmnopqrstuvw"), decision: "rejected" }, o), 400, "validation_failed");
    const student = await createUser();
    expectError(await post("/api/admin/approval-requests/decide-bulk", { ids: ["cabcdefghijklmnopqrstuvw"], decision: "rejected" }, { token: (await tokensFor(student)).access_token }), 403, "forbidden");
  });

  it("30 bulk calls by two admins over overlapping ids decide each request exactly once", async () => {
    const other = await createAdminWithToken();
    const requests = await Promise.all(Array.from({ length: 12 }, () => pendingRequest()));
    const ids = requests.map((r) => r.id);
    const calls = Array.from({ length: 30 }, (_, i) =>
      post("/api/admin/approval-requests/decide-bulk", { ids: i % 2 ? ids : [...ids].reverse().slice(0, 8), decision: i % 3 ? "approved" : "rejected", ...(i % 3 ? { approved_role: "student" } : {}) }, { token: i % 2 ? admin.token : other.token }),
    );
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const wins = new Map<string, number>();
    for (const r of results) for (const x of r.body.results as { id: string; ok: boolean; error?: { code: string } }[]) {
      if (x.ok) wins.set(x.id, (wins.get(x.id) ?? 0) + 1);
      else expect(x.error!.code).toBe("approval_already_decided");
    }
    expect(ids.map((id) => wins.get(id))).toEqual(Array(12).fill(1));
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "approval_decided", targetId: { in: ids } } })).toBe(12);
  });
});
