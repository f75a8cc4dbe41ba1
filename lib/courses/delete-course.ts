// Deleting a course removes its roster and, by default, its sessions (docs/courses.md): a
// session without its course is an orphan event nobody looks after. Each deleted session's
// attendance is written to the audit log first (one `event_deleted` entry per session, with every
// mark as it was), so nothing a student did is lost without a trace. `sessions: "keep"` leaves
// them as standalone events instead. A course with sessions or enrolments needs an explicit
// confirmation, and the refusal says how many of each there are.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { transact } from "../transact";
import { lockCourse } from "./lock-course";
import { findCourseOrThrow } from "./get-course";

export type SessionsChoice = "delete" | "keep";

/** Long transactions: a term of 40 sessions × 1,500 students is 60,000 marks to copy to the audit log. */
const DELETE_TX = { maxWait: 15_000, timeout: 60_000 };

export async function deleteCourse(ctx: Ctx, actorId: string, id: string, opts: { confirmed: boolean; sessions: SessionsChoice }) {
  return transact(
    ctx,
    async (tx) => {
      // the course row's lock first: no series can be added while the course goes, and SQLite
      // takes its write lock before reading (see lockCourse)
      await lockCourse(tx, id);
      const course = await findCourseOrThrow(tx, id);
      const [sessions, enrolled, marks] = await Promise.all([
        tx.event.count({ where: { courseId: id } }),
        tx.enrollment.count({ where: { courseId: id, droppedAt: null } }),
        tx.attendanceRecord.count({ where: { event: { courseId: id } } }),
      ]);
      if ((sessions > 0 || enrolled > 0) && !opts.confirmed) {
        throw new AppError(
          "course_has_records",
          `This course has ${sessions} sessions (with ${marks} attendance marks) and ${enrolled} enrolled students. Archive it to keep everything, or delete with ?confirm=true ` +
            `(its sessions are deleted too, their attendance kept in the audit log; add &sessions=keep to keep them as standalone events).`,
          { session_count: sessions, enrolled_count: enrolled, attendance_count: marks },
        );
      }
      const archived = opts.sessions === "delete" ? await deleteSessions(tx, ctx, actorId, course) : 0;
      // kept sessions lose the marks of students without an account: those belong to the roster,
      // which goes; the audit entry below keeps them
      const rosterMarks =
        opts.sessions === "keep" ? await tx.attendanceRecord.findMany({ where: { event: { courseId: id }, userId: null }, orderBy: { markedAt: "asc" }, select: MARK_SELECT }) : [];
      if (opts.sessions === "keep") await tx.event.updateMany({ where: { courseId: id }, data: { courseId: null } });
      await tx.course.delete({ where: { id } });
      await recordAudit(tx, ctx, {
        action: "course_deleted",
        actorId,
        targetType: "course",
        targetId: id,
        details: {
          code: course.code,
          term_label: course.termLabel,
          sessions_deleted: opts.sessions === "delete" ? sessions : 0,
          sessions_kept: opts.sessions === "keep" ? sessions : 0,
          attendance_archived: archived + rosterMarks.length,
          enrolled_count: enrolled,
          ...(rosterMarks.length ? { roster_marks: rosterMarks.map((m) => ({ event_id: m.eventId, ...markAsAudited(m) })) } : {}),
        },
      });
      return {
        deleted: true as const,
        id,
        sessions_deleted: opts.sessions === "delete" ? sessions : 0,
        sessions_kept: opts.sessions === "keep" ? sessions : 0,
        attendance_archived: archived + rosterMarks.length,
      };
    },
    DELETE_TX,
  );
}

const MARK_SELECT = {
  eventId: true,
  userId: true,
  enrollmentId: true,
  status: true,
  method: true,
  markedAt: true,
  reason: true,
  markedById: true,
  user: { select: { email: true, fullName: true } },
  enrollment: { select: { email: true, fullName: true } },
} as const;
type Mark = { eventId: string; userId: string | null; enrollmentId: string | null; status: string; method: string; markedAt: Date; reason: string | null; markedById: string | null; user: { email: string; fullName: string } | null; enrollment: { email: string; fullName: string } | null };

/** One mark as the audit log keeps it: whose (account or, without one, enrolment), what, when, why. */
function markAsAudited(m: Mark) {
  const who = m.user ?? m.enrollment;
  return {
    ...(m.userId ? { user_id: m.userId } : { enrollment_id: m.enrollmentId }),
    email: who?.email ?? null,
    full_name: who?.fullName ?? null,
    status: m.status,
    method: m.method,
    marked_at: m.markedAt.toISOString(),
    ...(m.reason ? { reason: m.reason } : {}),
    ...(m.markedById ? { marked_by_id: m.markedById } : {}),
  };
}

/** Copy each session's marks into its `event_deleted` audit entry, then delete the sessions (their marks and codes cascade). */
async function deleteSessions(tx: Tx, ctx: Ctx, actorId: string, course: { id: string; code: string; termLabel: string }): Promise<number> {
  const events = await tx.event.findMany({ where: { courseId: course.id }, orderBy: { startsAt: "asc" }, select: { id: true, title: true, startsAt: true, endsAt: true } });
  let archived = 0;
  for (const event of events) {
    const marks = await tx.attendanceRecord.findMany({
      where: { eventId: event.id },
      orderBy: { markedAt: "asc" },
      select: MARK_SELECT,
    });
    archived += marks.length;
    await recordAudit(tx, ctx, {
      action: "event_deleted",
      actorId,
      targetType: "event",
      targetId: event.id,
      details: {
        title: event.title,
        starts_at: event.startsAt.toISOString(),
        ends_at: event.endsAt.toISOString(),
        reason: "course_deleted",
        course_id: course.id,
        course_code: course.code,
        attendance_count: marks.length,
        attendance: marks.map(markAsAudited),
      },
    });
  }
  await tx.event.deleteMany({ where: { courseId: course.id } });
  return archived;
}
