// The daily digest to each course's instructors of students newly below its minimum
// (docs/design.md#outgoing-mail). The warning itself (lib/courses/low-attendance.ts) writes one
// low_attendance_alerts row per student; the digest collects the rows no digest has listed yet
// (digested_at null), once per course per college day, from DIGEST_HOUR in COLLEGE_TIMEZONE on.
// One instance sends it: the day's slot is a database rate-limit claim per course.
import type { Ctx } from "../context";
import { hit, type LimitRule } from "../rate-limit/limit";
import { zoneOffsetMs } from "../time/zoned";
import { transact } from "../transact";
import { enqueueMail } from "./enqueue-mail";
import { lowAttendanceDigestMail } from "./templates/low-attendance-digest";

/** Local hour from which the day's digest goes out (a morning read, not a midnight one). */
export const DIGEST_HOUR = 7;
const DAY_RULE: LimitRule = { name: "low_attendance_digest", max: 1, windowSeconds: 36 * 3600 };

/** The college-local date ("2026-12-07") and hour of an instant. Pure. */
export function collegeDay(instant: Date, timeZone: string): { date: string; hour: number } {
  const wall = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours() };
}

export async function sendLowAttendanceDigests(ctx: Ctx): Promise<{ courses: number; mails: number }> {
  const now = ctx.clock.now();
  const day = collegeDay(now, ctx.config.COLLEGE_TIMEZONE);
  if (day.hour < DIGEST_HOUR) return { courses: 0, mails: 0 };
  // standing warnings only: one withdrawn before the digest (an excuse came in) is no news
  const pending = await ctx.db.lowAttendanceAlert.groupBy({ by: ["courseId"], where: { digestedAt: null, open: true } });
  let courses = 0;
  let mails = 0;
  for (const { courseId } of pending) {
    if ((await hit(ctx, DAY_RULE, `${courseId}:${day.date}`)).limited) continue; // today's digest went out
    const sent = await transact(ctx, async (tx) => {
      const alerts = await tx.lowAttendanceAlert.findMany({
        where: { courseId, digestedAt: null, open: true },
        orderBy: { rate: "asc" },
        select: { id: true, rate: true, user: { select: { fullName: true, email: true } } },
      });
      if (alerts.length === 0) return 0;
      await tx.lowAttendanceAlert.updateMany({ where: { id: { in: alerts.map((a) => a.id) } }, data: { digestedAt: now } });
      const course = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { id: true, code: true, title: true, thresholdPercent: true, archivedAt: true } });
      if (course.archivedAt) return 0;
      // the course's instructors (not its teaching assistants) whose accounts may still teach
      const teachers = await tx.courseInstructor.findMany({
        where: { courseId, role: "instructor", user: { status: "active", role: { in: ["admin", "instructor"] } } },
        select: { user: { select: { id: true, email: true } } },
      });
      const students = alerts.map((a) => ({ fullName: a.user.fullName, email: a.user.email, rate: a.rate }));
      for (const t of teachers) await enqueueMail(tx, ctx, lowAttendanceDigestMail(ctx.config, t.user, course, students));
      return teachers.length;
    });
    courses++;
    mails += sent;
  }
  return { courses, mails };
}
