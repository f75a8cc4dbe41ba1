// A student's home (GET /api/attendance/me) on a fixture worked out by hand: several courses read
// together — a mark recorded against the enrolment before the account existed beside the
// account's own marks, an archived session, a session before the enrolment, a dropped course and
// an event outside their courses — the same figures as the course loader gives each course, and
// a number of SQL statements that does not grow with the number of courses.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { myAttendance } from "@/lib/attendance/my-attendance";
import { loadCourseAttendance } from "@/lib/courses/load-course-attendance";
import { loadStudentCourses } from "@/lib/courses/load-student-courses";
import { del, get, patch, post } from "../support/api";
import { courseCode, createCourse } from "../support/courses";
import { testCtx, testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, tokensFor } from "../support/factories";
import { statementLoggingDb } from "../support/statement-log";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const o = () => ({ token: admin.token });
const DAY = 86_400;
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** A session of the course (or a standalone event) of an hour, starting `startOffset` seconds from now. */
async function session(courseId: string | null, startOffset: number) {
  const res = await post("/api/events", { title: "Lecture", starts_at: iso(startOffset), ends_at: iso(startOffset + 3600), course_id: courseId }, o());
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, starts_at: res.body.starts_at as string };
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY * 1000);

/** Enrolled by address through the API (no account has it yet), `days` ago. */
async function enrolAddress(courseId: string, email: string, days: number) {
  const res = await post(`/api/courses/${courseId}/enrollments`, { email, full_name: "Hana Home" }, o());
  expect(res.status, res.text).toBe(201);
  const id = res.body.enrollment.id as string;
  await (await testDb()).enrollment.update({ where: { id }, data: { enrolledAt: daysAgo(days) } });
  return id;
}

/** The account enrolled `days` ago, written directly: the API's enrolment would also run the roster
 *  step for the address, moving the marks still kept against course A's roster line (below). */
async function enrolAccount(courseId: string, user: { id: string; email: string }, days: number) {
  const row = await (await testDb()).enrollment.create({ data: { courseId, email: user.email, fullName: "Hana Home", userId: user.id, source: "manual", enrolledAt: daysAgo(days) } });
  return row.id;
}

async function mark(eventId: string, who: { user_id: string } | { enrollment_id: string }, status: string) {
  const res = await post(`/api/events/${eventId}/attendance`, { ...who, status, reason: "register" }, o());
  expect(res.status, res.text).toBe(201);
}

describe("a student's home", () => {
  it("reads all their courses together, with the figures worked out by hand, in as many statements for 6 courses as for 3", { timeout: 60_000 }, async () => {
    const db = await testDb();
    const email = uniqueEmail("home");
    // listed last (an older term), though enrolled first
    const c = await createCourse(admin.token, { term_label: "2026 Autumn" });
    const b = await createCourse(admin.token, { code: `HB${courseCode()}`, term_label: "2027 Spring", threshold_percent: 80 });
    const a = await createCourse(admin.token, { code: `HA${courseCode()}`, term_label: "2027 Spring", threshold_percent: 75 });
    const dropped = await createCourse(admin.token, { term_label: "2027 Spring" });

    // course A: enrolled by address 10 days ago, before the account existed
    const enrolmentA = await enrolAddress(a.id, email, 10);
    const a1 = await session(a.id, -9 * DAY);
    const a2 = await session(a.id, -8 * DAY);
    const a3 = await session(a.id, -7 * DAY);
    const a4 = await session(a.id, -6 * DAY);
    const a5 = await session(a.id, -5 * DAY);
    const a6 = await session(a.id, 2 * DAY);
    await mark(a1.id, { enrollment_id: enrolmentA }, "present");
    await mark(a2.id, { enrollment_id: enrolmentA }, "excused");
    // the account arrives and is linked to the roster line before the marks kept against it have
    // moved (as in the middle of the roster step): the account's own mark in a2 loses to the
    // enrolment's
    const student = await createUser({ email, fullName: "Hana Home" });
    await db.enrollment.update({ where: { id: enrolmentA }, data: { userId: student.id } });
    await db.attendanceRecord.create({ data: { userId: student.id, eventId: a2.id, markedAt: new Date(), status: "present", method: "scan" } });
    await mark(a3.id, { user_id: student.id }, "late");
    // a4 missed; a5 marked, then archived (counts nowhere); a6 still to come
    await mark(a5.id, { user_id: student.id }, "present");
    const archived = await patch(`/api/events/${a5.id}`, { archived: true }, o());
    expect(archived.status, archived.text).toBe(200);

    // course B: enrolled 3½ days ago, after b1
    await enrolAccount(b.id, student, 3.5);
    const b1 = await session(b.id, -5 * DAY);
    const b3 = await session(b.id, -3 * DAY);
    const b4 = await session(b.id, -2 * DAY);
    await mark(b3.id, { user_id: student.id }, "present");

    // course C: nothing held yet
    await enrolAccount(c.id, student, 10);
    const c1 = await session(c.id, DAY);

    // a dropped course and a standalone event they marked
    const droppedEnrolment = await enrolAccount(dropped.id, student, 10);
    await session(dropped.id, -2 * DAY);
    const drop = await del(`/api/courses/${dropped.id}/enrollments/${droppedEnrolment}`, o());
    expect(drop.status, drop.text).toBe(200);
    const outside = await session(null, -DAY);
    await mark(outside.id, { user_id: student.id }, "late");

    const token = (await tokensFor(student)).access_token;
    const me = await get("/api/attendance/me", { token });
    expect(me.status, me.text).toBe(200);
    const course = (x: typeof a) => ({ id: x.id, code: x.code, title: "Algorithms", term_label: x.term_label, threshold_percent: x.threshold_percent });
    const t = (s: { id: string; starts_at: string }, status: string | null, rate: number | null) => ({ event_id: s.id, title: "Lecture", starts_at: s.starts_at, status, rate });
    const missed = (s: { id: string; starts_at: string }) => ({ event_id: s.id, title: "Lecture", starts_at: s.starts_at });
    expect(me.body.courses).toEqual([
      // A: P (the enrolment's), E (the enrolment's over the account's P), L, A; a6 not held
      {
        course: course(a), present: 1, late: 1, excused: 1, absent: 1, sessions_held: 4, rate: 0.75, below_threshold: false,
        missed: [missed(a4)],
        trend: [t(a1, "P", 1), t(a2, "E", 1), t(a3, "L", 1), t(a4, "A", 0.75), t(a6, null, 0.75)],
      },
      // B: b1 before the enrolment is left out; P, A
      { course: course(b), present: 1, late: 0, excused: 0, absent: 1, sessions_held: 2, rate: 0.5, below_threshold: true, missed: [missed(b4)], trend: [t(b3, "P", 1), t(b4, "A", 0.5)] },
      { course: course(c), present: 0, late: 0, excused: 0, absent: 0, sessions_held: 0, rate: null, below_threshold: false, missed: [], trend: [t(c1, null, null)] },
    ]);
    expect(me.body.courses[1].trend.map((x: { event_id: string }) => x.event_id)).not.toContain(b1.id);
    // the account's own marks, the archived one included; the enrolment's are not the account's
    expect(me.body.attendance.map((r: { event_id: string; status: string }) => [r.event_id, r.status]).sort()).toEqual(
      [[a2.id, "present"], [a3.id, "late"], [a5.id, "present"], [b3.id, "present"], [outside.id, "late"]].sort(),
    );
    expect(me.body.removed).toEqual([]);
    // A 1 P + 1 L + 1 E of 4, B 1 P of 2, the outside event L of 1: 5 of 7
    expect(me.body.summary).toEqual({ attended: 4, present: 2, late: 2, excused: 1, events_held: 7, rate: 0.7143 });

    // the same figures as the course loader gives each course for this student
    const now = new Date();
    const together = await loadStudentCourses(db, student.id, now);
    expect(together.map((x) => x.course.id).sort()).toEqual([a.id, b.id, c.id].sort());
    for (const loaded of together) expect(loaded).toEqual(await loadCourseAttendance(db, loaded.course.id, now, { userId: student.id }));

    // statements per home: the same for 6 courses as for 3
    const logged = await statementLoggingDb(inject("serverEnv").DATABASE_URL);
    try {
      const ctx = await testCtx({ db: logged.db });
      logged.statements.length = 0;
      const three = await myAttendance(ctx, student.id);
      const forThree = logged.statements.length;
      expect(JSON.parse(JSON.stringify(three))).toEqual(me.body); // the route's answer, read in-process
      for (let k = 0; k < 3; k++) {
        const more = await createCourse(admin.token);
        await enrolAccount(more.id, student, 10);
        await mark((await session(more.id, -DAY)).id, { user_id: student.id }, "present");
      }
      logged.statements.length = 0;
      const six = await myAttendance(ctx, student.id);
      expect(six.courses).toHaveLength(6);
      expect(six.summary).toMatchObject({ present: 5, events_held: 10 });
      expect(logged.statements.length).toBe(forThree);
      // the last 500 marks and their sessions, the removals and theirs (Prisma reads a relation in a
      // statement of its own), the enrolments and their courses, then the sessions, the account's
      // marks and the enrolments' marks; reading course by course took 5 + 4 a course (17 for 3, 29 for 6)
      expect(forThree).toBe(9);

      // SQLite keeps no statistics here (the app never runs ANALYZE), so each statement alone fixes
      // its plan, small database or a college's: the sessions are read through the courses' index,
      // never through events (archived_at, starts_at), which is every live session of the college
      // (the campus benchmark's EXPLAIN caught that), and no read walks the sessions or the marks
      if (inject("provider") === "sqlite") {
        const home = logged.statements.map((sql, i) => ({ sql, params: logged.params[i]! }));
        const plans: { sql: string; plan: string }[] = [];
        for (const { sql, params } of home) {
          const rows = await logged.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
          plans.push({ sql, plan: rows.map((r) => r.detail).join(" | ") });
        }
        const sessions = plans.find((p) => /`events`\.`course_id` IN/.test(p.sql));
        expect(sessions?.plan).toContain("USING INDEX events_course_id_starts_at_idx");
        for (const p of plans) expect(p.plan, p.sql).not.toMatch(/SCAN (events|attendance_records)\b|events_archived_at_starts_at_idx/);
      }
    } finally {
      await logged.db.$disconnect();
    }
  });
});
