// The race a fresh-clone CI run hit (2 warnings, expected 1): a sweep computed a student's rate
// before an excuse lifted it, then wrote its warning after the recovery had cleared the alert.
// Here 30 sweepers check the course over and over while 15 students recover, five at a time (as
// a few lecturers and TAs entering excuses would), course after course, on the real database
// (the test's own pool of 10 connections is the limit on how many at once): a warning is written only
// from a rate that is still true when it commits, so afterwards every student (back above the
// threshold) has no standing warning and has been warned exactly once for their one fall.
// The hammering runs on a database of its own (no server needs it), so the shared test server's
// database is not starved of its write lock meanwhile. On the same database: a sweep whose check
// fails (a trigger makes the warning's write fail) gives its claimed sessions back.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { manualMark } from "@/lib/attendance/manual-mark";
import { checkLowAttendance, sweepEndedSessions } from "@/lib/courses/low-attendance";
import { shortId } from "@/lib/random";
import { Semaphore } from "@/lib/semaphore";
import { createDb, type Db } from "@/lib/db";
import { testCtx, uniqueEmail } from "../support/db";
import { createTestDatabase, type TestDatabase } from "../support/test-server";

const DAY = 86_400_000;
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "race");
  db = await createDb(database.url);
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});
const createUser = async (role: "student" | "admin" = "student") =>
  db.user.create({ data: { email: uniqueEmail(role), fullName: `Race ${role} ${Math.random().toString(36).slice(2, 6)}`, passwordHash: "-", role, status: "active" } });
const STUDENTS = 15;
const SWEEPERS = 30;

describe("low-attendance warnings under parallel sweeps and recoveries", () => {
  it("never leaves a warning written from a rate an excuse had already lifted", async () => {
    const ctx = await testCtx({ db, config: { ...(await testCtx()).config, DATABASE_URL: database.url } });
    const admin = await createUser("admin");
    const now = Date.now();
    for (let round = 1; round <= 3; round++) {
      const course = await db.course.create({ data: { id: shortId(), code: `RC${shortId().slice(0, 6)}`, title: "Race", termLabel: "2026 Autumn", thresholdPercent: 75 } });
      const students = await Promise.all(Array.from({ length: STUDENTS }, () => createUser()));
      await db.enrollment.createMany({
        data: students.map((s) => ({ courseId: course.id, email: s.email, fullName: s.fullName, userId: s.id, source: "manual" as const, enrolledAt: new Date(now - 30 * DAY) })),
      });
      // three sessions held days ago that nobody came to: everyone is at 0 % and warned once
      const sessions: string[] = [];
      for (let d = 5; d > 2; d--) {
        const startsAt = new Date(now - d * DAY);
        sessions.push((await db.event.create({ data: { id: shortId(), title: `Lecture ${d}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), courseId: course.id } })).id);
      }
      await checkLowAttendance(ctx, course.id);
      const ids = students.map((s) => s.id);
      expect(await db.notification.count({ where: { userId: { in: ids }, type: "low_attendance" } })).toBe(STUDENTS);

      // every student is excused for all three (3/3 = 100 %) while 30 sweepers check the course
      let recovering = true;
      const staff = new Semaphore(5);
      const recoveries = Promise.all(
        students.map((s) =>
          staff.run(async () => {
            for (const eventId of sessions) await manualMark(ctx, admin.id, eventId, { user_id: s.id, status: "excused", reason: "field trip" });
            await checkLowAttendance(ctx, course.id);
          }),
        ),
      ).finally(() => (recovering = false));
      const sweeper = async () => {
        while (recovering) await checkLowAttendance(ctx, course.id);
      };
      await Promise.all([recoveries, ...Array.from({ length: SWEEPERS }, sweeper)]);
      await checkLowAttendance(ctx, course.id);

      const warned = await db.notification.groupBy({ by: ["userId"], where: { userId: { in: ids }, type: "low_attendance" }, _count: { _all: true } });
      expect(warned.filter((w) => w._count._all !== 1), `round ${round}: warned more than once for one fall`).toEqual([]);
      expect(await db.lowAttendanceAlert.count({ where: { courseId: course.id, ...STANDING } }), `round ${round}: a standing warning above the threshold`).toBe(0);
    }
  }, 180_000); // 3 rounds of 45 excuses against 30 sweepers: well over the default 30 s on a loaded 2-core machine
});

describe("the minute sweep when a check fails", () => {
  it("gives its claimed sessions back, so the next sweep warns the students it could not", async () => {
    const ctx = await testCtx({ db, config: { ...(await testCtx()).config, DATABASE_URL: database.url } });
    const now = Date.now();
    const course = await db.course.create({ data: { id: shortId(), code: `RF${shortId().slice(0, 6)}`, title: "Refused", termLabel: "2026 Autumn", thresholdPercent: 75 } });
    const student = await createUser();
    await db.enrollment.create({ data: { courseId: course.id, email: student.email, fullName: student.fullName, userId: student.id, source: "manual", enrolledAt: new Date(now - 30 * DAY) } });
    const sessions: string[] = [];
    for (let d = 5; d > 2; d--) {
      const startsAt = new Date(now - d * DAY);
      sessions.push((await db.event.create({ data: { id: shortId(), title: `Lecture ${d}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), courseId: course.id } })).id);
    }
    const checkedAt = async () => (await db.event.findMany({ where: { id: { in: sessions } }, select: { lowAttendanceCheckedAt: true } })).map((e) => e.lowAttendanceCheckedAt);
    // the database refuses the warning's write (a real failure inside the check, after the claim)
    await refuseAlerts(true);
    try {
      expect(await sweepEndedSessions(ctx)).toBeGreaterThanOrEqual(1);
      expect(await db.notification.count({ where: { userId: student.id, type: "low_attendance" } })).toBe(0);
      expect(await checkedAt()).toEqual([null, null, null]);
    } finally {
      await refuseAlerts(false);
    }
    // the next minute's sweep claims them again and warns, once
    await sweepEndedSessions(ctx);
    expect(await db.notification.count({ where: { userId: student.id, type: "low_attendance" } })).toBe(1);
    expect((await checkedAt()).every((at) => at instanceof Date)).toBe(true);
    await sweepEndedSessions(ctx);
    expect(await db.notification.count({ where: { userId: student.id, type: "low_attendance" } })).toBe(1);
  }, 60_000);
});

/** A trigger on this test's own database that makes every new warning's insert fail, or its removal. */
async function refuseAlerts(on: boolean) {
  if (database.provider === "sqlite") {
    await db.$executeRawUnsafe(on ? "CREATE TRIGGER refuse_alerts BEFORE INSERT ON low_attendance_alerts BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END" : "DROP TRIGGER refuse_alerts");
  } else if (on) {
    await db.$executeRawUnsafe("CREATE FUNCTION refuse_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$");
    await db.$executeRawUnsafe("CREATE TRIGGER refuse_alerts BEFORE INSERT ON low_attendance_alerts FOR EACH ROW EXECUTE FUNCTION refuse_alerts()");
  } else {
    await db.$executeRawUnsafe("DROP TRIGGER refuse_alerts ON low_attendance_alerts");
    await db.$executeRawUnsafe("DROP FUNCTION refuse_alerts()");
  }
}

// a standing (not withdrawn) warning
const STANDING = { open: true } as const;
