// Roster auto-approval at signup (and its race with an import), and bulk approval decisions
// (some expired, overlapping admins).
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, post, request } from "../support/api";
import { createCourse, importCsv, rosterCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, tokensFor } from "../support/factories";

const PASSWORD = "Tr1cky-Lantern-88";
let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

const signUp = (email: string, name = "Rosa Roster") => post("/api/auth/signup", { email, password: PASSWORD, full_name: name });

/** A pending account with one approval request expiring `minutes` from now (negative: expired). */
async function pendingRequest(minutes = 3) {
  const user = await createUser({ status: "pending" });
  const db = await testDb();
  const now = Date.now();
  const req = await db.approvalRequest.create({ data: { userId: user.id, status: "pending", requestedAt: new Date(now - 60_000), expiresAt: new Date(now + minutes * 60_000) } });
  return { user, id: req.id };
}

describe("roster auto-approval at signup", () => {
  it("a signup on an active course's roster is an active student at once, audited as the roster import, admins not bothered", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("rostered");
    await importCsv(admin.token, course.id, rosterCsv([email]));
    const res = await signUp(email.toUpperCase());
    expect(res.status, res.text).toBe(201);
    expect(res.body.user).toMatchObject({ email, status: "active", role: "student" });
    expect(res.body.approval_request).toMatchObject({ status: "approved", approved_role: "student" });
    const login = await post("/api/auth/login", { email, password: PASSWORD });
    expect(login.status, login.text).toBe(200);
    const db = await testDb();
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: res.body.approval_request.id } });
    expect(audit.actorId).toBeNull();
    expect(JSON.parse(audit.details)).toMatchObject({ decision: "approved", approved_role: "student", decided_by: "roster_import", course_id: course.id, course_code: course.code });
    expect(await db.notification.count({ where: { userId: admin.user.id, type: "approval_requested", body: { contains: email } } })).toBe(0);
    expect(await db.notification.count({ where: { userId: user.id, type: "approval_decided" } })).toBe(1);
    expect((await db.enrollment.findFirstOrThrow({ where: { courseId: course.id, email } })).userId).toBe(user.id);
  });

  it("a dropped enrolment, an archived course or no roster at all leave the signup pending, as before", async () => {
    const course = await createCourse(admin.token);
    const [dropped, archived, nobody] = [uniqueEmail("dropped"), uniqueEmail("archived"), uniqueEmail("nobody")];
    await importCsv(admin.token, course.id, rosterCsv([dropped]));
    await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "mode=replace");
    const old = await createCourse(admin.token);
    await importCsv(admin.token, old.id, rosterCsv([archived]));
    await request("PATCH", `/api/courses/${old.id}`, { token: admin.token, json: { archived: true } });
    for (const email of [dropped, archived, nobody]) {
      const res = await signUp(email);
      expect(res.status).toBe(201);
      expect(res.body.user.status).toBe("pending");
      expect(res.body.approval_request.status).toBe("pending");
    }
    const db = await testDb();
    expect(await db.notification.count({ where: { userId: admin.user.id, type: "approval_requested", body: { contains: nobody } } })).toBe(1);
  });

  it("30 signups racing the import that names them are all approved, each exactly once", async () => {
    const course = await createCourse(admin.token);
    const emails = Array.from({ length: 30 }, () => uniqueEmail("racer"));
    const [imported, ...signups] = await Promise.all([importCsv(admin.token, course.id, rosterCsv(emails)), ...emails.map((e) => signUp(e))]);
    expect(imported.status, imported.text).toBe(200);
    expect(signups.map((s) => s.status)).toEqual(Array(30).fill(201));
    const db = await testDb();
    const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, status: true, role: true } });
    expect(users.map((u) => `${u.status}/${u.role}`)).toEqual(Array(30).fill("active/student"));
    const decisions = await db.approvalRequest.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { id: true, status: true } });
    expect(decisions.map((d) => d.status)).toEqual(Array(30).fill("approved"));
    expect(await db.auditLog.count({ where: { action: "approval_decided", targetId: { in: decisions.map((d) => d.id) } } })).toBe(30);
    const approvedByImport = imported.body.summary.approved_signups as number;
    const approvedAtSignup = signups.filter((s) => s.body.user.status === "active").length;
    expect(approvedByImport + approvedAtSignup).toBe(30);
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
