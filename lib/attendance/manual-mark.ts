// An organiser marks, excuses or unmarks a student by hand, with a reason (audited; the student
// notified when they have an account). Any enrolled student can be marked, account or not: the
// mark is then recorded against the enrolment and moves to the account once it is linked
// (docs/courses.md, students without accounts). Unmarking leaves a trace (attendance_removals)
// instead of making the mark vanish. In a course session each change locks the student's
// enrolment first (mark-subject.ts) and reviews their low-attendance standing in the same
// transaction, so a warning and the rate it states never disagree.
import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError, isUniqueViolation, notFound } from "../errors";
import { findEventOrThrow } from "../events/get-event";
import { notifyUser } from "../notifications/notify";
import { reviewStanding } from "../courses/low-attendance";
import { enqueueMail } from "../mail/enqueue-mail";
import { markRemovedMail } from "../mail/templates/mark-removed";
import { markOwner, resolveMarkSubject, subjectMarks, type SubjectInput } from "./mark-subject";
import { statusAt } from "./status-at";
import type { z } from "zod";
import type { RosterEntryOut, UnmarkOut } from "./schemas";

export type ManualStatus = "present" | "late" | "excused";
export type ManualMarkInput = SubjectInput & { reason: string; status?: ManualStatus };

const alreadyMarked = () => new AppError("conflict", "This student is already marked for this event.");

/** The mark itself, inside the caller's transaction (one mark here, or one row of a bulk mark). */
export async function recordManualMark(tx: Tx, ctx: Ctx, actorId: string, eventId: string, input: ManualMarkInput): Promise<RosterEntryOut> {
  const now = ctx.clock.now();
  const event = await findEventOrThrow(tx, eventId);
  const subject = await resolveMarkSubject(tx, ctx, event, input);
  // the unique keys are the guard; this read only names the conflict before a write fails on it
  if (await tx.attendanceRecord.findFirst({ where: { eventId, ...subjectMarks(subject) }, select: { id: true } })) throw alreadyMarked();
  const status = input.status ?? statusAt(event, now);
  const record = await tx.attendanceRecord.create({
    data: { ...markOwner(subject), eventId, markedAt: now, status, method: "manual", markedById: actorId, reason: input.reason, ipAddress: ctx.ip },
  });
  await recordAudit(tx, ctx, {
    action: "attendance_manual",
    actorId,
    targetType: "event",
    targetId: eventId,
    details: { user_id: subject.userId, enrollment_id: subject.enrollmentId, status, reason: input.reason, record_id: record.id },
  });
  if (subject.userId) {
    await notifyUser(tx, ctx, subject.userId, {
      type: "attendance_marked",
      title: status === "excused" ? `Excused · ${event.title}` : `Marked ${status} by an organiser · ${event.title}`,
      ...(status === "excused" && { body: input.reason }),
      link: "/home",
    });
  }
  if (event.courseId && subject.enrollmentId) await reviewStanding(tx, ctx, event.courseId, subject.enrollmentId);
  return {
    user_id: subject.userId,
    enrollment_id: subject.enrollmentId,
    full_name: subject.fullName,
    email: subject.email,
    marked_at: record.markedAt.toISOString(),
    status: record.status,
    method: record.method,
    device_flag: false,
    reason: record.reason,
  };
}

export async function manualMark(ctx: Ctx, actorId: string, eventId: string, input: ManualMarkInput): Promise<RosterEntryOut> {
  try {
    return await transact(ctx, (tx) => recordManualMark(tx, ctx, actorId, eventId, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMarked(); // a scan or another organiser got there first
    throw error;
  }
}

export async function unmarkAttendance(ctx: Ctx, actorId: string, eventId: string, input: SubjectInput & { reason: string }): Promise<z.output<typeof UnmarkOut>> {
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, eventId);
    const subject = await resolveMarkSubject(tx, ctx, event, input);
    const record = await tx.attendanceRecord.findFirst({ where: { eventId, ...subjectMarks(subject) } });
    if (!record) throw notFound("This attendance record", "attendance_not_found");
    // conditional on the row read: of two concurrent removals one deletes, the other finds nothing
    const { count } = await tx.attendanceRecord.deleteMany({ where: { id: record.id } });
    if (count !== 1) throw notFound("This attendance record", "attendance_not_found");
    // the visible trace (docs/courses.md): the student's history and the roster show the removal
    await tx.attendanceRemoval.create({
      data: {
        userId: record.userId,
        enrollmentId: record.enrollmentId,
        eventId,
        removedAt: ctx.clock.now(),
        removedById: actorId,
        reason: input.reason,
        status: record.status,
        method: record.method,
        markedAt: record.markedAt,
      },
    });
    // the student is told in the app and by mail — once they have an account to be told in
    if (record.userId) {
      await notifyUser(tx, ctx, record.userId, { type: "attendance_marked", title: `Your ${record.status} mark was removed · ${event.title}`, body: input.reason, link: "/home" });
      const student = await tx.user.findUniqueOrThrow({ where: { id: record.userId }, select: { id: true, email: true, fullName: true } });
      const course = event.courseId ? await tx.course.findUnique({ where: { id: event.courseId }, select: { code: true } }) : null;
      await enqueueMail(tx, ctx, markRemovedMail(ctx.config, student, { eventTitle: event.title, startsAt: event.startsAt, status: record.status, reason: input.reason, courseCode: course?.code ?? null }));
    }
    await recordAudit(tx, ctx, {
      action: "attendance_unmarked",
      actorId,
      targetType: "event",
      targetId: eventId,
      details: { user_id: record.userId, enrollment_id: subject.enrollmentId, reason: input.reason, was: { status: record.status, method: record.method, marked_at: record.markedAt.toISOString() } },
    });
    if (event.courseId && subject.enrollmentId) await reviewStanding(tx, ctx, event.courseId, subject.enrollmentId);
    return { unmarked: true as const, user_id: record.userId, enrollment_id: subject.enrollmentId, event_id: eventId };
  });
}
