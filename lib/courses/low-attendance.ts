// The low-attendance warning (docs/courses.md): when a course session closes, each enrolled
// student whose rate is below the threshold gets ONE in-app notification — not one per session
// while they stay below. The alert row's unique (course, user) key makes it once-only, also when
// two instances check at once; a student whose rate recovers loses the row, so a later fall
// warns again. Runs when check-in is stopped, and from the server's sweep of ended sessions.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { isUniqueViolation } from "../errors";
import { errorFields, log } from "../log";
import { notifyUser } from "../notifications/notify";
import { transact } from "../transact";
import { belowThreshold } from "./course-attendance";
import { loadCourseAttendance } from "./load-course-attendance";

export async function checkLowAttendance(ctx: Ctx, courseId: string): Promise<{ warned: string[]; cleared: number }> {
  const { course, rows } = await loadCourseAttendance(ctx.db, courseId, ctx.clock.now());
  if (course.archivedAt) return { warned: [], cleared: 0 };
  const below = new Map(belowThreshold(rows, course.thresholdPercent).flatMap((r) => (r.student.userId ? [[r.student.userId, r.rate!] as const] : [])));
  const recovered = rows.flatMap((r) => (r.student.userId && r.rate !== null && !below.has(r.student.userId) ? [r.student.userId] : []));
  const { count: cleared } = recovered.length ? await ctx.db.lowAttendanceAlert.deleteMany({ where: { courseId, userId: { in: recovered } } }) : { count: 0 };
  const already = new Set((await ctx.db.lowAttendanceAlert.findMany({ where: { courseId }, select: { userId: true } })).map((a) => a.userId));
  const warned: string[] = [];
  for (const [userId, rate] of below) {
    if (already.has(userId)) continue;
    try {
      await transact(ctx, async (tx) => {
        await tx.lowAttendanceAlert.create({ data: { courseId, userId, rate, createdAt: ctx.clock.now() } });
        const percent = Math.round(rate * 100);
        await notifyUser(tx, ctx, userId, {
          type: "low_attendance",
          title: `Your attendance in ${course.code} is ${percent} %`,
          body: `${course.title} requires ${course.thresholdPercent} %. Talk to your instructor if something keeps you from coming.`,
          link: "/home",
        });
        await recordAudit(tx, ctx, { action: "low_attendance_warned", targetType: "course", targetId: courseId, details: { user_id: userId, rate, threshold_percent: course.thresholdPercent } });
      });
      warned.push(userId);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another instance warned them first
    }
  }
  return { warned, cleared };
}

/** Sessions that ended since the last sweep: claim each (one instance wins), then check its course once. */
export async function sweepEndedSessions(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const ended = await ctx.db.event.findMany({ where: { courseId: { not: null }, endsAt: { lte: now }, lowAttendanceCheckedAt: null }, select: { id: true, courseId: true }, take: 200 });
  const courses = new Set<string>();
  for (const e of ended) {
    const { count } = await ctx.db.event.updateMany({ where: { id: e.id, lowAttendanceCheckedAt: null }, data: { lowAttendanceCheckedAt: now } });
    if (count === 1) courses.add(e.courseId!);
  }
  for (const courseId of courses) await checkLowAttendance(ctx, courseId).catch((error: unknown) => log("error", "low-attendance check", { courseId, ...errorFields(error) }));
  return courses.size;
}

const SWEEP_EVERY_MS = 60_000;

/** Started by server.ts (the long-lived process): sweep ended sessions every minute. */
export function startLowAttendanceSweep(makeCtx: () => Promise<Ctx>): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void makeCtx()
      .then(sweepEndedSessions)
      .catch((error: unknown) => log("error", "low-attendance sweep", errorFields(error)))
      .finally(() => (running = false));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
