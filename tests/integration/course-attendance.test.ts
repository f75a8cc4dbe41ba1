// Statuses on a course session's roster (absent and excused before and after close, walk-ins,
// honest methods, search, the polling cursor, unmark traces), the term report on a fixture
// computed by hand, and the student's view by course. The low-attendance warning has its own
// files (low-attendance-warnings, low-attendance-race), the exports theirs (report-exports).
import { beforeAll, describe, expect, it } from "vitest";
import { expectError, get, post } from "../support/api";
import { createCourse, importCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, tokensFor } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const o = () => ({ token: admin.token });

async function enrolledStudents(courseId: string, n: number) {
  const students = await Promise.all(Array.from({ length: n }, (_, i) => createUser({ fullName: `Student ${String.fromCharCode(65 + i)} ${courseId}` })));
  await importCsv(admin.token, courseId, `email,name\n${students.map((s) => `${s.email},${s.fullName}`).join("\n")}\n`);
  return Promise.all(students.map(async (s) => ({ ...s, token: (await tokensFor(s)).access_token })));
}

async function session(courseId: string, startOffset: number, endOffset: number) {
  const res = await post("/api/events", { title: "Lecture", starts_at: iso(startOffset), ends_at: iso(endOffset), course_id: courseId }, o());
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

const roster = (eventId: string, query = "") => get(`/api/events/${eventId}/attendance${query}`, o());

describe("a course session's roster", () => {
  it("derives present, late, excused, not_marked and (after close) absent from the enrolment; walk-ins apart; methods honest", async () => {
    const course = await createCourse(admin.token);
    const [ada, bob, cy, dee] = await enrolledStudents(course.id, 4);
    const noAccount = uniqueEmail("noaccount");
    await post(`/api/courses/${course.id}/enrollments`, { email: noAccount, full_name: "Zoe Noaccount", student_number: "Z-1" }, o());
    const eventId = await session(course.id, -60, 3600);
    const code = (await post("/api/admin/qr-sessions", { event_id: eventId }, o())).body;
    expect((await post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: ada!.token })).status).toBe(201);
    expect((await post("/api/attendance/mark", { short_code: code.short_code }, { token: bob!.token })).status).toBe(201);
    const excused = await post(`/api/events/${eventId}/attendance`, { user_id: cy!.id, status: "excused", reason: "doctor's note" }, o());
    expect(excused.status, excused.text).toBe(201);
    const walkIn = await createStudentWithToken();
    await post("/api/attendance/mark", { qr_payload: code.qr_url }, { token: walkIn.token });

    const open = await roster(eventId);
    expect(open.status, open.text).toBe(200);
    expect(open.body).toMatchObject({ closed: false, course: { id: course.id, code: course.code }, status_counts: { enrolled: 5, present: 2, late: 0, excused: 1, absent: 0, not_marked: 2, walk_ins: 1 } });
    const byEmail = new Map(open.body.enrolled.map((s: { email: string }) => [s.email, s]));
    expect(byEmail.get(ada!.email)).toMatchObject({ status: "present", method: "scan", user_id: ada!.id });
    expect(byEmail.get(bob!.email)).toMatchObject({ status: "present", method: "short_code" });
    expect(byEmail.get(cy!.email)).toMatchObject({ status: "excused", method: "manual", reason: "doctor's note" });
    expect(byEmail.get(dee!.email)).toMatchObject({ status: "not_marked", marked_at: null });
    expect(byEmail.get(noAccount)).toMatchObject({ status: "not_marked", user_id: null, student_number: "Z-1" });
    expect(open.body.walk_ins).toEqual([expect.objectContaining({ user_id: walkIn.user.id, enrollment_id: null, status: "present", method: "scan" })]);
    expect(open.body.counts).toMatchObject({ total: 4, present: 3, excused: 1, scan: 3, short_code: 1, manual: 1 });

    // the polling cursor: unchanged → the short answer; a mark or a stop changes it
    expect((await roster(eventId, `?since=${open.body.version}`)).body).toEqual({ event_id: eventId, version: open.body.version, changed: false });
    expect((await post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: dee!.token })).status).toBe(201);
    const marked = await roster(eventId, `?since=${open.body.version}`);
    expect(marked.body.changed).toBe(true);
    expect(marked.body.status_counts.not_marked).toBe(1);

    expect((await post(`/api/events/${eventId}/checkin/stop`, undefined, o())).status).toBe(200);
    const closed = await roster(eventId, `?since=${marked.body.version}`);
    expect(closed.body).toMatchObject({ closed: true, changed: true, status_counts: { present: 3, excused: 1, absent: 1, not_marked: 0 } });
    expect(closed.body.enrolled.find((s: { email: string }) => s.email === noAccount).status).toBe("absent");

    expect((await roster(eventId, "?status=absent")).body.enrolled.map((s: { email: string }) => s.email)).toEqual([noAccount]);
    expect((await roster(eventId, "?q=z-1")).body.enrolled.map((s: { email: string }) => s.email)).toEqual([noAccount]);
    expect((await roster(eventId, `?q=${encodeURIComponent(ada!.fullName.toUpperCase())}`)).body.enrolled.map((s: { email: string }) => s.email)).toEqual([ada!.email]);
    expectError(await roster(eventId, "?status=gone"), 400, "validation_failed");
  });

  it("unmarking leaves a trace in the roster, the student's history and the audit log", async () => {
    const course = await createCourse(admin.token);
    const [ada] = await enrolledStudents(course.id, 1);
    const eventId = await session(course.id, -60, 3600);
    const code = (await post("/api/admin/qr-sessions", { event_id: eventId }, o())).body;
    await post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: ada!.token });
    const res = await post(`/api/events/${eventId}/attendance/unmark`, { user_id: ada!.id, reason: "marked from outside the room" }, o());
    expect(res.status, res.text).toBe(200);
    const after = await roster(eventId);
    expect(after.body.enrolled[0]).toMatchObject({ email: ada!.email, status: "not_marked" });
    expect(after.body.removed).toEqual([expect.objectContaining({ user_id: ada!.id, reason: "marked from outside the room", was_status: "present", was_method: "scan" })]);
    const me = await get("/api/attendance/me", { token: ada!.token });
    expect(me.body.removed).toEqual([expect.objectContaining({ event_id: eventId, reason: "marked from outside the room", was_status: "present" })]);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "attendance_unmarked", targetId: eventId } })).toBe(1);
    expect(await db.notification.count({ where: { userId: ada!.id, title: { contains: "removed" } } })).toBe(1);
    expectError(await post(`/api/events/${eventId}/attendance/unmark`, { user_id: ada!.id, reason: "again" }, o()), 404, "attendance_not_found");
  });
});

describe("the term report", () => {
  it("computes the matrix, counts, rates, the list below threshold and the CSV on a fixture worked out by hand", async () => {
    const course = await createCourse(admin.token, { threshold_percent: 75 });
    const [ada, bob, cy] = await enrolledStudents(course.id, 3);
    const db = await testDb();
    // enrolled since before the term
    await db.enrollment.updateMany({ where: { courseId: course.id }, data: { enrolledAt: new Date(Date.now() - 30 * 86_400_000) } });
    const day = 86_400;
    const s1 = await session(course.id, -4 * day, -4 * day + 3600);
    const s2 = await session(course.id, -3 * day, -3 * day + 3600);
    const s3 = await session(course.id, -2 * day, -2 * day + 3600);
    const s4 = await session(course.id, -1 * day, -1 * day + 3600);
    await session(course.id, 2 * day, 2 * day + 3600); // future: not held
    const mark = (eventId: string, userId: string, status: string) => post(`/api/events/${eventId}/attendance`, { user_id: userId, status, reason: "register" }, o());
    // ada: P P L E → 4/4 = 100 %;  bob: P A A L → 2/4 = 50 %;  cy: A A E A → 1/4 = 25 %
    for (const [e, u, st] of [[s1, ada, "present"], [s2, ada, "present"], [s3, ada, "late"], [s4, ada, "excused"], [s1, bob, "present"], [s4, bob, "late"], [s3, cy, "excused"]] as const) {
      expect((await mark(e, u!.id, st)).status).toBe(201);
    }
    const res = await get(`/api/courses/${course.id}/report`, o());
    expect(res.status, res.text).toBe(200);
    const r = res.body;
    expect(r.sessions_held).toBe(4);
    expect(r.sessions.map((s: { held: boolean }) => s.held)).toEqual([true, true, true, true, false]);
    const rows = Object.fromEntries(r.students.map((s: { email: string }) => [s.email, s]));
    expect(rows[ada!.email]).toMatchObject({ cells: ["P", "P", "L", "E", null], present: 2, late: 1, excused: 1, absent: 0, sessions_held: 4, rate: 1 });
    expect(rows[bob!.email]).toMatchObject({ cells: ["P", "A", "A", "L", null], present: 1, late: 1, excused: 0, absent: 2, sessions_held: 4, rate: 0.5 });
    expect(rows[cy!.email]).toMatchObject({ cells: ["A", "A", "E", "A", null], present: 0, late: 0, excused: 1, absent: 3, sessions_held: 4, rate: 0.25 });
    expect(r.below_threshold.map((s: { email: string }) => s.email).sort()).toEqual([bob!.email, cy!.email].sort());
    expect(r.sessions.slice(0, 4).map((s: { totals: object }) => s.totals)).toEqual([
      { present: 2, late: 0, excused: 0, absent: 1, not_marked: 0 },
      { present: 1, late: 0, excused: 0, absent: 2, not_marked: 0 },
      { present: 0, late: 1, excused: 1, absent: 1, not_marked: 0 },
      { present: 0, late: 1, excused: 1, absent: 1, not_marked: 0 },
    ]);
    expect(r.rate_distribution.map((b: { students: number }) => b.students)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 1]);

    const csv = await get(`/api/courses/${course.id}/report.csv`, o());
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split("\r\n"); // trim() would drop the byte-order mark too
    // held sessions only (the future one is left out), headed by their start in the college's zone
    expect(lines[0]).toMatch(/^\uFEFF"Name","Email","Student number",("\d{4}-\d{2}-\d{2} \d{2}:\d{2}",){4}"Present","Late","Excused","Absent","Attended","Held","Rate %"$/);
    const bobLine = lines.find((l) => l.includes(bob!.email))!;
    expect(bobLine.endsWith(`"P","A","A","L","1","1","0","2","2","4","50"`)).toBe(true);
  });

  it("neutralises formulas in the CSV and 404s an unknown course", async () => {
    const course = await createCourse(admin.token);
    const res = await importCsv(admin.token, course.id, `email,name\n${uniqueEmail()},"=HYPERLINK(""x"")"\n`);
    expect(res.body.summary.added).toBe(1);
    const csv = await get(`/api/courses/${course.id}/report.csv`, o());
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`);
    expectError(await get("/api/courses/AAAAAAAAAAAA/report", o()), 404, "course_not_found");
  });
});

describe("the student's view", () => {
  it("groups /api/attendance/me by enrolled course; other courses never count", async () => {
    const course = await createCourse(admin.token);
    const [ada] = await enrolledStudents(course.id, 1);
    const db = await testDb();
    await db.enrollment.updateMany({ where: { courseId: course.id }, data: { enrolledAt: new Date(Date.now() - 10 * 86_400_000) } });
    const past = await session(course.id, -2 * 86_400, -2 * 86_400 + 3600);
    await session(course.id, -86_400, -86_400 + 3600);
    await post(`/api/events/${past}/attendance`, { user_id: ada!.id, status: "present", reason: "register" }, o());
    const elsewhere = await createCourse(admin.token);
    await session(elsewhere.id, -86_400, -86_400 + 3600); // not their course
    const me = await get("/api/attendance/me", { token: ada!.token });
    expect(me.body.courses).toHaveLength(1);
    expect(me.body.courses[0]).toMatchObject({ course: { id: course.id }, present: 1, absent: 1, sessions_held: 2, rate: 0.5, below_threshold: true });
    expect(me.body.courses[0].missed).toHaveLength(1);
    expect(me.body.courses[0].trend.map((t: { status: string; rate: number }) => [t.status, t.rate])).toEqual([["P", 1], ["A", 0.5]]);
    expect(me.body.summary).toMatchObject({ attended: 1, events_held: 2, rate: 0.5 });
  });
});
