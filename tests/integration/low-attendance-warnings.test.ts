// The low-attendance warning policy on the real database (docs/courses.md#low-attendance-warning):
// not before the course's number of held sessions, not while the session that took a student
// below is within its grace period (an excuse entered then prevents the warning), the rate at
// sending time in the words, withdrawn with a note when the rate recovers, again only after a
// new fall. Time is a parameter: the sessions lie a month ahead, where the server's own minute
// sweep (on the real clock) never reaches them, and the sweep runs here at chosen moments.
import { beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import { manualMark } from "@/lib/attendance/manual-mark";
import { checkLowAttendance, sweepEndedSessions } from "@/lib/courses/low-attendance";
import { stopCheckin } from "@/lib/events/set-checkin";
import { shortId } from "@/lib/random";
import { expectError, patch } from "../support/api";
import { createCourse } from "../support/courses";
import { testCtx, testDb } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";
import { waitForMail } from "../support/mailbox";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

describe("low-attendance warnings that wait and stay true", () => {
  it("waits for 3 held sessions and 24 h after the close, states the rate, is withdrawn on recovery and comes again only after a new fall", async () => {
    const course = await createCourse(admin.token); // threshold 80 %, warn after 3 sessions, 24 h grace (the defaults)
    expect(course).toMatchObject({ threshold_percent: 80, warn_after_sessions: 3, warn_grace_hours: 24 });
    const db = await testDb();
    const T = Math.ceil((Date.now() + 30 * DAY) / HOUR) * HOUR; // a month ahead, on the hour
    const at = (ms: number) => new Date(T + ms);
    const [ada, cy] = await Promise.all([createUser({ fullName: "Ada Absent" }), createUser({ fullName: "Cy Excused" })]);
    await db.enrollment.createMany({
      data: [ada, cy].map((s) => ({ courseId: course.id, email: s.email, fullName: s.fullName, userId: s.id, source: "manual" as const, enrolledAt: at(-DAY) })),
    });
    const sessions: string[] = [];
    const addSession = async (day: number) => {
      const e = await db.event.create({ data: { id: shortId(), title: `Lecture ${day}`, startsAt: at(day * DAY), endsAt: at(day * DAY + HOUR), courseId: course.id } });
      sessions.push(e.id);
      return e.id;
    };
    const ctxAt = async (ms: number) => testCtx({ clock: fixedClock(at(ms)) });
    // the sweep as the server runs it, limited to this test's sessions: a whole-database sweep a month
    // ahead would settle other files' sessions on the shared database (and count their courses)
    const sweep = async (ms: number) => {
      const ctx = await ctxAt(ms);
      let checked = 0;
      for (const id of sessions) checked += await sweepEndedSessions(ctx, id);
      return checked;
    };
    const mark = async (ms: number, eventId: string, userId: string, status: "present" | "excused") =>
      manualMark(await ctxAt(ms), admin.user.id, eventId, { user_id: userId, status, reason: "register" });
    const notes = async (userId: string) => (await db.notification.findMany({ where: { userId, type: { in: ["low_attendance", "low_attendance_withdrawn"] } }, orderBy: { createdAt: "asc" } })).map((n) => `${n.type}: ${n.title}`);
    const standing = (userId: string) => db.lowAttendanceAlert.findMany({ where: { courseId: course.id, userId, open: true } });

    // day 0: both absent. Not within the grace period (1 h after the close), nor after it: 1 session < 3
    const s0 = await addSession(0);
    expect(await sweep(2 * HOUR)).toBe(0);
    expect(await sweep(26 * HOUR)).toBe(1);
    expect(await notes(ada.id)).toEqual([]);
    // days 1 and 2: Ada absent; Cy present on day 1, absent on day 2 (2/3 = 67 %)
    const s1 = await addSession(1);
    const s2 = await addSession(2);
    await mark(DAY + 30 * 60_000, s1, cy.id, "present");
    await sweep(2 * DAY + 2 * HOUR); // day 2 has closed but is still in its grace period: 2 settled sessions
    expect(await notes(ada.id)).toEqual([]);
    // within the grace period the lecturer enters Cy's excuse for day 2: 2/3 → 3/3 … and for day 0
    await mark(2 * DAY + 5 * HOUR, s2, cy.id, "excused");
    await mark(2 * DAY + 5 * HOUR, s0, cy.id, "excused");
    await sweep(3 * DAY + 2 * HOUR); // day 2 settled: Ada 0/3 → warned, with the rate; Cy never was
    expect(await notes(ada.id)).toEqual([`low_attendance: Your attendance in ${course.code} is 0 %`]);
    expect(await notes(cy.id)).toEqual([]);
    expect((await standing(ada.id)).map((a) => a.rate)).toEqual([0]);
    // and by mail, through the real outbox and SMTP server
    const mail = await waitForMail({ to: ada.email, subject: `Your attendance in ${course.code} is 0 %` });
    expect(mail.text).toContain(`below the 80 % the course requires`);
    await checkLowAttendance(await ctxAt(3 * DAY + 3 * HOUR), course.id); // checking again warns nobody twice
    expect(await notes(ada.id)).toHaveLength(1);

    // Ada's excuses come in: 2/3 (67 %) is still below; the third lifts her to 100 %: withdrawn at once
    await mark(4 * DAY, s0, ada.id, "excused");
    await mark(4 * DAY, s1, ada.id, "excused");
    expect(await standing(ada.id)).toHaveLength(1);
    await mark(4 * DAY, s2, ada.id, "excused");
    expect(await standing(ada.id)).toEqual([]);
    const withdrawn = await db.lowAttendanceAlert.findFirstOrThrow({ where: { courseId: course.id, userId: ada.id } });
    expect(withdrawn).toMatchObject({ open: null, rate: 0, resolvedRate: 1, resolvedAt: at(4 * DAY) });
    expect((await notes(ada.id))[1]).toBe(`low_attendance_withdrawn: Your attendance in ${course.code} is back above 80 %`);
    expect((await waitForMail({ to: ada.email, subject: "is back above 80 %" })).text).toContain("the earlier low-attendance warning is withdrawn");

    // she misses days 5 and 6 (Cy comes): a new fall, warned again when day 5 settles — 3/4 = 75 %
    // over the settled sessions, and 3/5 = 60 % over all held, the rate the warning states
    const s5 = await addSession(5);
    const s6 = await addSession(6);
    await mark(5 * DAY, s5, cy.id, "present");
    await mark(6 * DAY, s6, cy.id, "present");
    await sweep(6 * DAY + 2 * HOUR);
    await sweep(7 * DAY + 2 * HOUR); // day 6 settles: still below, but she stands warned
    expect(await notes(ada.id)).toEqual([
      `low_attendance: Your attendance in ${course.code} is 0 %`,
      `low_attendance_withdrawn: Your attendance in ${course.code} is back above 80 %`,
      `low_attendance: Your attendance in ${course.code} is 60 %`,
    ]);
    expect(await db.lowAttendanceAlert.count({ where: { courseId: course.id, userId: ada.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { targetId: course.id, action: { in: ["low_attendance_warned", "low_attendance_withdrawn"] }, details: { contains: ada.id } } })).toBe(3);
    expect(await notes(cy.id)).toEqual([]);
    expect(sessions).toHaveLength(5);
  });

  it("the course's settings decide: warn after 1 session, no grace — and a lowered threshold withdraws at once", async () => {
    const course = await createCourse(admin.token, { threshold_percent: 60, warn_after_sessions: 1, warn_grace_hours: 0 });
    const db = await testDb();
    const student = await createUser();
    const T = Date.now() + 35 * DAY;
    await db.enrollment.create({ data: { courseId: course.id, email: student.email, fullName: student.fullName, userId: student.id, source: "manual", enrolledAt: new Date(T - DAY) } });
    const e = await db.event.create({ data: { id: shortId(), title: "Lecture", startsAt: new Date(T), endsAt: new Date(T + HOUR), checkinOpenedAt: new Date(T), courseId: course.id } });
    // stopping check-in closes the session; with no grace it is settled (and checked) at once
    await stopCheckin(await testCtx({ clock: fixedClock(T + 10 * 60_000) }), admin.user.id, e.id);
    const warnings = () => db.notification.count({ where: { userId: student.id, type: "low_attendance" } });
    expect(await warnings()).toBe(1);
    const lowered = await patch(`/api/courses/${course.id}`, { threshold_percent: 0 }, { token: admin.token });
    expect(lowered.status, lowered.text).toBe(200);
    expect(await db.lowAttendanceAlert.count({ where: { courseId: course.id, open: true } })).toBe(0);
    expect(await db.notification.count({ where: { userId: student.id, type: "low_attendance_withdrawn" } })).toBe(1);
    expectError(await patch(`/api/courses/${course.id}`, { warn_after_sessions: 0 }, { token: admin.token }), 400, "validation_failed");
    expectError(await patch(`/api/courses/${course.id}`, { warn_grace_hours: -1 }, { token: admin.token }), 400, "validation_failed");
  });

  it("30 sweeps at once claim a settled session once and warn once", async () => {
    const course = await createCourse(admin.token, { warn_after_sessions: 1 });
    const db = await testDb();
    const student = await createUser();
    const T = Date.now() + 40 * DAY;
    await db.enrollment.create({ data: { courseId: course.id, email: student.email, fullName: student.fullName, userId: student.id, source: "manual", enrolledAt: new Date(T - DAY) } });
    const e = await db.event.create({ data: { id: shortId(), title: "Lecture", startsAt: new Date(T), endsAt: new Date(T + HOUR), courseId: course.id } });
    const ctx = await testCtx({ clock: fixedClock(T + 30 * HOUR) });
    const claimed = await Promise.all(Array.from({ length: 30 }, () => sweepEndedSessions(ctx, e.id)));
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db.notification.count({ where: { userId: student.id, type: "low_attendance" } })).toBe(1);
    expect(await db.lowAttendanceAlert.count({ where: { courseId: course.id, open: true } })).toBe(1);
  });
});
