// Enrolment: CSV roster import (parser cases, preview, one transaction, idempotent re-import,
// replace mode, limits), approval of pending signups at import, join codes, enrol/drop one,
// and the races on each.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ROSTER_ROWS } from "@/lib/courses/parse-roster-csv";
import { del, expectError, get, post, request } from "../support/api";
import { createCourse, importCsv, rosterCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createWaitingSignup } from "../support/signups";
import { createAdminWithToken, createStudentWithToken, createUser } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

async function rosterState(courseId: string) {
  const db = await testDb();
  const rows = await db.enrollment.findMany({ where: { courseId }, orderBy: { email: "asc" } });
  const audits = await db.auditLog.count({ where: { targetType: "course", targetId: courseId } });
  return { rows, audits };
}

describe("POST /api/courses/{id}/enrollments/import", () => {
  it("parses a real export (BOM, ';', CRLF, quotes, any header order, blank lines), previews without writing, then applies", async () => {
    const course = await createCourse(admin.token);
    const [ada, bob, carl] = [uniqueEmail("ada"), uniqueEmail("bob"), uniqueEmail("carl")];
    const csv = `\uFEFFStudent_Number;E-Mail;Full Name\r\n\r\n101;${ada.toUpperCase()};"Lovelace; Ada"\r\n102;${bob};"Smith\r\nBob"\r\n103;not-an-email;Nobody\r\n104;${ada};Ada again\r\n;;\r\n105;${carl};Carl\r\n`;
    const before = await rosterState(course.id);
    const preview = await importCsv(admin.token, course.id, csv, "dry_run=true&mode=merge");
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      dry_run: true,
      mode: "merge",
      summary: { rows: 5, added: 3, already_enrolled: 0, updated: 0, dropped: 0, invalid: 2, approved_signups: 0 },
      invalid: [
        { line: 6, reason: "invalid email: not-an-email" },
        { line: 7, reason: `duplicate of line 3 (${ada})` },
      ],
    });
    expect(preview.body.added).toEqual([
      { line: 3, email: ada, full_name: "Lovelace; Ada", given_name: null, family_name: null, student_number: "101", reenrolled: false },
      { line: 4, email: bob, full_name: "Smith Bob", given_name: null, family_name: null, student_number: "102", reenrolled: false },
      { line: 9, email: carl, full_name: "Carl", given_name: null, family_name: null, student_number: "105", reenrolled: false },
    ]);
    expect(await rosterState(course.id)).toEqual(before);

    const applied = await importCsv(admin.token, course.id, csv);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ dry_run: false, summary: { added: 3, invalid: 2 } });
    const after = await rosterState(course.id);
    expect(after.rows.map((r) => [r.email, r.fullName, r.studentNumber, r.source, r.droppedAt])).toEqual(
      [[ada, "Lovelace; Ada", "101", "import", null], [bob, "Smith Bob", "102", "import", null], [carl, "Carl", "105", "import", null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const db = await testDb();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "roster_imported", targetId: course.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ mode: "merge", added: 3, dropped: 0, invalid: 2 });
    expect(audit.actorId).toBe(admin.user.id);
  });

  it("re-importing the same file changes nothing; replace mode drops who is missing; a dropped student comes back", async () => {
    const course = await createCourse(admin.token);
    const emails = [uniqueEmail("a"), uniqueEmail("b"), uniqueEmail("c")];
    expect((await importCsv(admin.token, course.id, rosterCsv(emails))).body.summary.added).toBe(3);
    const once = await rosterState(course.id);
    const again = await importCsv(admin.token, course.id, rosterCsv(emails), "mode=replace");
    expect(again.body.summary).toEqual({ rows: 3, added: 0, already_enrolled: 3, updated: 0, dropped: 0, invalid: 0, approved_signups: 0 });
    expect(await rosterState(course.id)).toEqual(once);

    const replace = await importCsv(admin.token, course.id, rosterCsv(emails.slice(0, 2)), "mode=replace&dry_run=false");
    expect(replace.body.summary).toMatchObject({ added: 0, already_enrolled: 2, dropped: 1 });
    expect(replace.body.dropped).toEqual([{ email: emails[2], full_name: "Student 3", student_number: "N3" }]);
    const list = await get(`/api/courses/${course.id}/enrollments`, { token: admin.token });
    expect(list.body).toMatchObject({ enrolled_count: 2, dropped_count: 1 });
    const merged = await importCsv(admin.token, course.id, rosterCsv(emails));
    expect(merged.body.summary).toMatchObject({ added: 1, already_enrolled: 2, dropped: 0 });
    expect(merged.body.added).toEqual([expect.objectContaining({ email: emails[2], reenrolled: true })]);
    const corrected = await importCsv(admin.token, course.id, `email,name\n${emails[0]},Renamed Student\n`);
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.updated).toEqual([
      { line: 2, email: emails[0], full_name: "Renamed Student", given_name: null, family_name: null, student_number: "N1", was: { full_name: "Student 1", student_number: "N1" } },
    ]);
  });

  it("refuses files it cannot use, naming the problem, and writes nothing", async () => {
    const course = await createCourse(admin.token);
    const before = await rosterState(course.id);
    const tooMany = rosterCsv(Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => `s${i}@over.example.edu`));
    const over = expectError(await importCsv(admin.token, course.id, tooMany), 413, "roster_too_large");
    expect(over.details).toEqual({ limit: MAX_ROSTER_ROWS, rows: MAX_ROSTER_ROWS + 1 });
    expect(over.message).toContain(String(MAX_ROSTER_ROWS));
    expectError(await importCsv(admin.token, course.id, "x".repeat(3 * 1024 * 1024)), 413, "payload_too_large");
    expectError(await importCsv(admin.token, course.id, "name,id\nAda,1\n"), 400, "roster_csv_invalid");
    expectError(await importCsv(admin.token, course.id, ""), 400, "roster_csv_invalid");
    expectError(await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "", "application/json"), 415, "unsupported_media_type");
    expectError(await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "", "image/png"), 415, "unsupported_media_type");
    expectError(await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "dry_run=maybe"), 400, "validation_failed");
    expectError(await importCsv(admin.token, course.id, rosterCsv([uniqueEmail()]), "mode=append"), 400, "validation_failed");
    expectError(await importCsv(admin.token, "AAAAAAAAAAAA", rosterCsv([uniqueEmail()])), 404, "course_not_found");
    // a course the student has no part in is hidden, as if it did not exist
    const student = await createStudentWithToken();
    expectError(await importCsv(student.token, course.id, rosterCsv([uniqueEmail()])), 404, "course_not_found");
    expect(await rosterState(course.id)).toEqual(before);
  });

  it("30 concurrent imports of one file enrol each student exactly once", async () => {
    const course = await createCourse(admin.token);
    const emails = Array.from({ length: 40 }, () => uniqueEmail("race"));
    const results = await Promise.all(Array.from({ length: 30 }, () => importCsv(admin.token, course.id, rosterCsv(emails))));
    // imports are heavy reads: beyond the instance's bound they are turned away at once (503 busy, retry later)
    const done = results.filter((r) => r.status === 200);
    expect(done.length).toBeGreaterThan(0);
    for (const r of results.filter((x) => x.status !== 200)) {
      expectError(r, 503, "busy");
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    }
    expect(done.reduce((n, r) => n + r.body.summary.added, 0)).toBe(40);
    const db = await testDb();
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(40);
  });

  it("approves live pending signups the roster names, as students, audited as the roster import, and tells them", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("pending");
    const signup = await createWaitingSignup({ email, fullName: "Pat Pending" });
    const stranger = await createUser({ status: "pending" }); // pending but with no live request
    const preview = await importCsv(admin.token, course.id, rosterCsv([email, stranger.email]), "dry_run=true");
    expect(preview.body.approved_signups).toEqual([{ user_id: signup.user.id, email, full_name: "Pat Pending" }]);
    const db = await testDb();
    expect((await db.user.findUniqueOrThrow({ where: { email } })).status).toBe("pending");
    const res = await importCsv(admin.token, course.id, rosterCsv([email, stranger.email]));
    expect(res.body.summary.approved_signups).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect([user.status, user.role]).toEqual(["active", "student"]);
    const request = await db.approvalRequest.findFirstOrThrow({ where: { userId: user.id } });
    expect([request.status, request.approvedRole, request.decidedById]).toEqual(["approved", "student", null]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: request.id } });
    expect(audit.actorId).toBeNull();
    expect(JSON.parse(audit.details)).toMatchObject({ decision: "approved", approved_role: "student", decided_by: "roster_import", course_id: course.id, course_code: course.code });
    const enrolment = await db.enrollment.findFirstOrThrow({ where: { courseId: course.id, email } });
    expect(enrolment.userId).toBe(user.id);
    // the student was waiting: a later import's approval is news, and they are told
    expect(await db.notification.count({ where: { userId: user.id, type: "approval_decided" } })).toBe(1);
    const login = await post("/api/auth/login", { email, password: "Tr1cky-Lantern-88" });
    expect(login.status, login.text).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: stranger.id } })).status).toBe("pending");
  });
});

describe("join codes", () => {
  it("rotate gives a code students join with; rotating again kills the old one; disabling stops self-enrolment", async () => {
    const course = await createCourse(admin.token);
    expectError(await post("/api/courses/join", { code: "ABCDEFGH" }, { token: (await createStudentWithToken()).token }), 404, "join_code_invalid");
    const first = await post(`/api/courses/${course.id}/join-code`, { action: "rotate" }, { token: admin.token });
    expect(first.status, first.text).toBe(200);
    expect(first.body.join_code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
    expect((await get(`/api/courses/${course.id}`, { token: admin.token })).body.join_code).toBe(first.body.join_code);

    const s = await createStudentWithToken();
    const typed = `${first.body.join_code.slice(0, 4).toLowerCase()}-${first.body.join_code.slice(4)}`;
    const joined = await post("/api/courses/join", { code: typed }, { token: s.token });
    expect(joined.status, joined.text).toBe(201);
    expect(joined.body).toMatchObject({ course: { id: course.id, code: course.code }, already_enrolled: false, enrollment: { email: s.user.email, user_id: s.user.id, source: "join_code", account_status: "active" } });
    const twice = await post("/api/courses/join", { code: first.body.join_code }, { token: s.token });
    expect(twice.status).toBe(200);
    expect(twice.body.already_enrolled).toBe(true);

    const second = await post(`/api/courses/${course.id}/join-code`, { action: "rotate" }, { token: admin.token });
    expect(second.body.join_code).not.toBe(first.body.join_code);
    const late = await createStudentWithToken();
    expectError(await post("/api/courses/join", { code: first.body.join_code }, { token: late.token }), 404, "join_code_invalid");
    expect((await post("/api/courses/join", { code: second.body.join_code }, { token: late.token })).status).toBe(201);

    const off = await post(`/api/courses/${course.id}/join-code`, { action: "disable" }, { token: admin.token });
    expect(off.body).toEqual({ course_id: course.id, join_code: null });
    expectError(await post("/api/courses/join", { code: second.body.join_code }, { token: (await createStudentWithToken()).token }), 404, "join_code_invalid");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "join_code_changed", targetId: course.id } })).toBe(3);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(2);
  });

  it("only students join; a dropped student cannot rejoin; an archived course takes nobody; guessing is rate limited", async () => {
    const course = await createCourse(admin.token);
    const { join_code: code } = (await post(`/api/courses/${course.id}/join-code`, { action: "rotate" }, { token: admin.token })).body;
    expectError(await post("/api/courses/join", { code }, { token: admin.token }), 403, "not_a_student");
    expectError(await post("/api/courses/join", { code }), 401, "unauthenticated");
    expectError(await post("/api/courses/join", { code: "?!" }, { token: (await createStudentWithToken()).token }), 400, "validation_failed");
    const s = await createStudentWithToken();
    const joined = await post("/api/courses/join", { code }, { token: s.token });
    expect((await del(`/api/courses/${course.id}/enrollments/${joined.body.enrollment.id}`, { token: admin.token })).status).toBe(200);
    expectError(await post("/api/courses/join", { code }, { token: s.token }), 409, "enrollment_dropped");

    const guesser = await createStudentWithToken();
    for (let i = 0; i < 10; i++) expectError(await post("/api/courses/join", { code: `WRONG${i}AA` }, { token: guesser.token }), 404, "join_code_invalid");
    const limited = expectError(await post("/api/courses/join", { code }, { token: guesser.token }), 429, "rate_limited");
    expect(limited.message).toMatch(/join/i);

    await request("PATCH", `/api/courses/${course.id}`, { token: admin.token, json: { archived: true } });
    expectError(await post("/api/courses/join", { code }, { token: (await createStudentWithToken()).token }), 404, "join_code_invalid");
  });

  it("30 concurrent joins by one student make one enrolment", async () => {
    const course = await createCourse(admin.token);
    const { join_code: code } = (await post(`/api/courses/${course.id}/join-code`, { action: "rotate" }, { token: admin.token })).body;
    const s = await createStudentWithToken();
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/courses/join", { code }, { token: s.token })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    // the rest are 200 already_enrolled, or 429 once the student's 10 tries are spent
    expect(statuses.every((x) => x === 201 || x === 200 || x === 429)).toBe(true);
    const db = await testDb();
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(1);
  });
});

describe("enrol and drop one student", () => {
  it("enrols an account or an email, refuses duplicates, drops, enrols again, searches the roster", async () => {
    const course = await createCourse(admin.token);
    const s = await createStudentWithToken();
    const byId = await post(`/api/courses/${course.id}/enrollments`, { user_id: s.user.id, student_number: "S-9" }, { token: admin.token });
    expect(byId.status, byId.text).toBe(201);
    expect(byId.body).toMatchObject({ reenrolled: false, approved_signup: false, enrollment: { email: s.user.email, full_name: s.user.fullName, user_id: s.user.id, source: "manual", student_number: "S-9" } });
    expectError(await post(`/api/courses/${course.id}/enrollments`, { user_id: s.user.id }, { token: admin.token }), 409, "enrollment_exists");
    const email = uniqueEmail("noaccount");
    const byEmail = await post(`/api/courses/${course.id}/enrollments`, { email: email.toUpperCase(), full_name: "Zed Noaccount" }, { token: admin.token });
    expect(byEmail.body.enrollment).toMatchObject({ email, user_id: null, account_status: null });
    expectError(await post(`/api/courses/${course.id}/enrollments`, { user_id: admin.user.id }, { token: admin.token }), 403, "not_a_student");
    expectError(await post(`/api/courses/${course.id}/enrollments`, { email }, { token: admin.token }), 400, "validation_failed");

    const found = await get(`/api/courses/${course.id}/enrollments?q=${encodeURIComponent("zed noacc")}`, { token: admin.token });
    expect(found.body.items.map((e: { email: string }) => e.email)).toEqual([email]);
    const byNumber = await get(`/api/courses/${course.id}/enrollments?q=s-9`, { token: admin.token });
    expect(byNumber.body.items.map((e: { email: string }) => e.email)).toEqual([s.user.email]);

    const dropped = await del(`/api/courses/${course.id}/enrollments/${byId.body.enrollment.id}`, { token: admin.token });
    expect(dropped.body.enrollment.dropped_at).not.toBeNull();
    expect((await get(`/api/courses/${course.id}/enrollments`, { token: admin.token })).body.items.map((e: { email: string }) => e.email)).toEqual([email]);
    expect((await get(`/api/courses/${course.id}/enrollments?status=dropped`, { token: admin.token })).body.items.map((e: { email: string }) => e.email)).toEqual([s.user.email]);
    const back = await post(`/api/courses/${course.id}/enrollments`, { user_id: s.user.id }, { token: admin.token });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ reenrolled: true, enrollment: { id: byId.body.enrollment.id, dropped_at: null } });
    expectError(await del(`/api/courses/${course.id}/enrollments/cxxxxxxxxxxxxxxxxxxxxxxx`, { token: admin.token }), 404, "enrollment_not_found");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { targetId: course.id, action: { in: ["enrollment_added", "enrollment_dropped"] } } })).toBe(4);
  });

  it("a name given with an email is kept to the one name rule (invisible characters stripped)", async () => {
    const course = await createCourse(admin.token);
    const res = await post(`/api/courses/${course.id}/enrollments`, { email: uniqueEmail("bidi"), full_name: "Eve\u202E nimda\u200B" }, { token: admin.token });
    expect(res.status, res.text).toBe(201);
    expect(res.body.enrollment.full_name).toBe("Eve nimda");
    expectError(await post(`/api/courses/${course.id}/enrollments`, { email: uniqueEmail("blank"), full_name: "\u3164" }, { token: admin.token }), 400, "validation_failed");
  });

  it("enrolling the email of a pending signup approves it at once", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("late");
    await createWaitingSignup({ email, fullName: "Lee Late" });
    const res = await post(`/api/courses/${course.id}/enrollments`, { email, full_name: "Lee Late" }, { token: admin.token });
    expect(res.body).toMatchObject({ approved_signup: true, enrollment: { account_status: "active" } });
  });

  it("30 concurrent enrolments of one email make one enrolment (the rest 409)", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("dup");
    const results = await Promise.all(Array.from({ length: 30 }, () => post(`/api/courses/${course.id}/enrollments`, { email, full_name: "Dup" }, { token: admin.token })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, "enrollment_exists");
    const db = await testDb();
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(1);
  });
});
