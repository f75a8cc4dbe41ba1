// Attendance belongs to the enrolment (docs/courses.md, students without accounts): a lecturer
// marks, excuses and removes marks of an enrolled student who has no account yet; when the
// student signs up with the rostered address the history is theirs; 30 attaches at once link
// once; rates count only sessions held while the student was enrolled; bulk marking.
import { beforeAll, describe, expect, it } from "vitest";
import { manualMark } from "@/lib/attendance/manual-mark";
import { attachRosterAccount } from "@/lib/courses/roster-signups";
import { expectError, get, post } from "../support/api";
import { createCourse } from "../support/courses";
import { testCtx, testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";
import { signUpAndVerify } from "../support/signups";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const o = () => ({ token: admin.token });
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function session(courseId: string, startOffset: number, endOffset: number) {
  const res = await post("/api/events", { title: "Lecture", starts_at: iso(startOffset), ends_at: iso(endOffset), course_id: courseId }, o());
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function enrolByEmail(courseId: string, email: string, fullName: string) {
  const res = await post(`/api/courses/${courseId}/enrollments`, { email, full_name: fullName }, o());
  expect(res.status, res.text).toBe(201);
  return res.body.enrollment.id as string;
}

describe("a student without an account", () => {
  it("is marked, excused and unmarked by the lecturer, and sees that history after signing up with the rostered address", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("rostered");
    const enrollmentId = await enrolByEmail(course.id, email, "Rosa Roster");
    const db = await testDb();
    await db.enrollment.update({ where: { id: enrollmentId }, data: { enrolledAt: new Date(Date.now() - 7 * 86_400_000) } });
    const held = await session(course.id, -3 * 86_400, -3 * 86_400 + 3600);
    const excusedOne = await session(course.id, -2 * 86_400, -2 * 86_400 + 3600);
    const missed = await session(course.id, -86_400, -86_400 + 3600);

    // marked by the address (no account has it), excused and unmarked by the enrolment
    const marked = await post(`/api/events/${held}/attendance`, { email: email.toUpperCase(), status: "present", reason: "paper register" }, o());
    expect(marked.status, marked.text).toBe(201);
    expect(marked.body).toMatchObject({ user_id: null, enrollment_id: enrollmentId, email, status: "present", method: "manual" });
    expectError(await post(`/api/events/${held}/attendance`, { enrollment_id: enrollmentId, status: "late", reason: "again" }, o()), 409, "conflict");
    expect((await post(`/api/events/${excusedOne}/attendance`, { enrollment_id: enrollmentId, status: "present", reason: "by mistake" }, o())).status).toBe(201);
    const unmarked = await post(`/api/events/${excusedOne}/attendance/unmark`, { enrollment_id: enrollmentId, reason: "wrong student" }, o());
    expect(unmarked.status, unmarked.text).toBe(200);
    expect(unmarked.body).toEqual({ unmarked: true, user_id: null, enrollment_id: enrollmentId, event_id: excusedOne });
    expect((await post(`/api/events/${excusedOne}/attendance`, { enrollment_id: enrollmentId, status: "excused", reason: "medical note" }, o())).status).toBe(201);
    expectError(await post(`/api/events/${held}/attendance`, { email: uniqueEmail("nobody"), reason: "who?" }, o()), 404, "not_found");
    expectError(await post(`/api/events/${held}/attendance`, { enrollment_id: "c0000000000000000000000", reason: "who?" }, o()), 404, "enrollment_not_found");

    const roster = await get(`/api/events/${excusedOne}/attendance`, o());
    expect(roster.body.status_counts).toMatchObject({ enrolled: 1, excused: 1, no_account: 1 });
    expect(roster.body.enrolled[0]).toMatchObject({ enrollment_id: enrollmentId, user_id: null, status: "excused", reason: "medical note" });
    expect(roster.body.removed).toEqual([expect.objectContaining({ user_id: null, enrollment_id: enrollmentId, email, reason: "wrong student", was_status: "present" })]);
    const report = await get(`/api/courses/${course.id}/report`, o());
    expect(report.body.no_account_count).toBe(1);
    expect(report.body.students[0]).toMatchObject({ user_id: null, cells: ["P", "E", "A"], present: 1, excused: 1, absent: 1, attended: 1, sessions_held: 3, rate: 0.6667 });

    // she signs up with the rostered address and confirms it from the real mail: approved by the
    // roster, and the history is hers
    const { verified, password } = await signUpAndVerify({ email, fullName: "Rosa Roster" });
    expect(verified.body).toMatchObject({ status: "active", user: { email, status: "active" } });
    const userId = verified.body.user.id as string;
    expect(await db.attendanceRecord.count({ where: { enrollmentId } })).toBe(0);
    expect(await db.attendanceRecord.count({ where: { userId } })).toBe(2);
    expect(await db.attendanceRemoval.count({ where: { userId } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "roster_account_linked", targetId: course.id } })).toBe(1);
    const login = await post("/api/auth/login", { email, password });
    expect(login.status, login.text).toBe(200);
    const me = await get("/api/attendance/me", { token: login.body.access_token });
    expect(me.body.courses).toHaveLength(1);
    expect(me.body.courses[0]).toMatchObject({ present: 1, excused: 1, absent: 1, sessions_held: 3, rate: 0.6667 });
    expect(me.body.courses[0].missed.map((m: { event_id: string }) => m.event_id)).toEqual([missed]);
    expect(me.body.attendance.map((a: { event_id: string; status: string }) => [a.event_id, a.status]).sort()).toEqual([[excusedOne, "excused"], [held, "present"]].sort());
    expect(me.body.removed).toEqual([expect.objectContaining({ event_id: excusedOne, reason: "wrong student", was_status: "present" })]);
    expect(me.body.summary).toMatchObject({ attended: 1, excused: 1, events_held: 3 });
    // the lecturer now marks her as the account she is
    const after = await get(`/api/events/${held}/attendance`, o());
    expect(after.body.enrolled[0]).toMatchObject({ user_id: userId, status: "present" });
    expect(after.body.status_counts.no_account).toBe(0);
  });

  it("30 attaches at once link the roster line once and move each mark once; a session the account also marked keeps the account's mark", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("attach");
    const enrollmentId = await enrolByEmail(course.id, email, "Ana Attach");
    const events = await Promise.all([0, 1, 2].map((i) => session(course.id, -(i + 2) * 86_400, -(i + 2) * 86_400 + 3600)));
    for (const eventId of events) expect((await post(`/api/events/${eventId}/attendance`, { enrollment_id: enrollmentId, status: "present", reason: "register" }, o())).status).toBe(201);
    // the account exists before the roster step runs, and made its own mark in one session
    const user = await createUser({ email, fullName: "Ana Attach" });
    const db = await testDb();
    await db.attendanceRecord.create({ data: { userId: user.id, eventId: events[0]!, markedAt: new Date(), status: "late", method: "scan" } });

    const ctx = await testCtx();
    const results = await Promise.all(Array.from({ length: 30 }, () => attachRosterAccount(ctx, { userId: user.id, email })));
    const total = results.reduce((t, r) => ({ linked: t.linked + r.linked, moved: t.moved + r.moved, merged: t.merged + r.merged }), { linked: 0, moved: 0, merged: 0 });
    expect(total).toEqual({ linked: 1, moved: 2, merged: 1 });
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).userId).toBe(user.id);
    const marks = await db.attendanceRecord.findMany({ where: { eventId: { in: events } }, select: { userId: true, enrollmentId: true, status: true, eventId: true } });
    expect(marks).toHaveLength(3);
    expect(marks.every((m) => m.userId === user.id && m.enrollmentId === null)).toBe(true);
    expect(marks.find((m) => m.eventId === events[0])!.status).toBe("late"); // her own scan stayed
    expect(await db.attendanceRemoval.count({ where: { userId: user.id, eventId: events[0] } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "roster_account_linked", targetId: course.id } })).toBe(1);
  });

  it("lecturers' marks racing the attach all end up on the account, none left on the roster line", async () => {
    const course = await createCourse(admin.token);
    const email = uniqueEmail("racer");
    const enrollmentId = await enrolByEmail(course.id, email, "Rex Racer");
    const events = await Promise.all(Array.from({ length: 10 }, (_, i) => session(course.id, -(i + 2) * 3600, -(i + 2) * 3600 + 1800)));
    const user = await createUser({ email, fullName: "Rex Racer" });
    const ctx = await testCtx();
    const marks = events.map((eventId) => manualMark(ctx, admin.user.id, eventId, { email, status: "present", reason: "register" }));
    const attaches = Array.from({ length: 20 }, () => attachRosterAccount(ctx, { userId: user.id, email }));
    const settled = await Promise.allSettled([...marks, ...attaches]);
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { enrollmentId } })).toBe(0);
    expect(await db.attendanceRecord.count({ where: { userId: user.id, eventId: { in: events } } })).toBe(10);
  });
});

describe("rates over sessions held while enrolled", () => {
  it("a student enrolled after two sessions sees – for them, not absences; the rate counts the rest", async () => {
    const course = await createCourse(admin.token, { threshold_percent: 75 });
    const before1 = await session(course.id, -4 * 86_400, -4 * 86_400 + 3600);
    const before2 = await session(course.id, -3 * 86_400, -3 * 86_400 + 3600);
    const student = await createUser({ fullName: "Late Joiner" });
    const enrol = await post(`/api/courses/${course.id}/enrollments`, { user_id: student.id }, o());
    expect(enrol.status, enrol.text).toBe(201);
    await (await testDb()).enrollment.update({ where: { id: enrol.body.enrollment.id }, data: { enrolledAt: new Date(Date.now() - 2.5 * 86_400_000) } });
    const after1 = await session(course.id, -2 * 86_400, -2 * 86_400 + 3600);
    const after2 = await session(course.id, -86_400, -86_400 + 3600);
    expect((await post(`/api/events/${after1}/attendance`, { user_id: student.id, status: "present", reason: "register" }, o())).status).toBe(201);

    const report = (await get(`/api/courses/${course.id}/report`, o())).body;
    expect(report.sessions.map((s: { id: string }) => s.id)).toEqual([before1, before2, after1, after2]);
    expect(report.students[0]).toMatchObject({ cells: ["-", "-", "P", "A"], present: 1, absent: 1, sessions_held: 2, rate: 0.5 });
    const token = (await post("/api/auth/login", { email: student.email, password: student.password })).body.access_token;
    const me = (await get("/api/attendance/me", { token })).body;
    expect(me.courses[0]).toMatchObject({ sessions_held: 2, absent: 1, rate: 0.5 });
    expect(me.courses[0].missed.map((m: { event_id: string }) => m.event_id)).toEqual([after2]);
    expect(me.courses[0].trend.map((t: { event_id: string }) => t.event_id)).toEqual([after1, after2]);
  });
});

describe("bulk marking", () => {
  it("marks the selected students, accounts or not, each once — also when the same selection is sent 5 times at once", async () => {
    const course = await createCourse(admin.token);
    const eventId = await session(course.id, -3600, 3600);
    const accounts = await Promise.all([0, 1, 2].map(() => createUser()));
    for (const a of accounts) expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: a.id }, o())).status).toBe(201);
    const lines = await Promise.all([0, 1, 2].map((i) => enrolByEmail(course.id, uniqueEmail(`bulk${i}`), `Bulk Student ${i}`)));
    const students = [...accounts.map((a) => ({ user_id: a.id })), ...lines.map((id) => ({ enrollment_id: id }))];
    expect((await post(`/api/events/${eventId}/attendance`, { user_id: accounts[0]!.id, status: "late", reason: "came in late" }, o())).status).toBe(201);

    const answers = await Promise.all(Array.from({ length: 5 }, () => post(`/api/events/${eventId}/attendance/bulk`, { students, status: "excused", reason: "field trip" }, o())));
    for (const a of answers) expect(a.status, a.text).toBe(200);
    expect(answers.reduce((n, a) => n + (a.body.marked as number), 0)).toBe(5); // the one marked before stays as it was
    for (const a of answers) expect(a.body.results[0]).toMatchObject({ user_id: accounts[0]!.id, ok: false, error: { code: "conflict" } });
    const roster = (await get(`/api/events/${eventId}/attendance`, o())).body;
    expect(roster.status_counts).toMatchObject({ enrolled: 6, late: 1, excused: 5, no_account: 3 });
    expect(await (await testDb()).auditLog.count({ where: { action: "attendance_manual", targetId: eventId } })).toBe(6);
    expectError(await post(`/api/events/${eventId}/attendance/bulk`, { students: [], status: "present", reason: "none" }, o()), 400, "validation_failed");
    expectError(await post(`/api/events/${eventId}/attendance/bulk`, { students: [{ user_id: "x", enrollment_id: "y" }], status: "present", reason: "both" }, o()), 400, "validation_failed");
  });
});
