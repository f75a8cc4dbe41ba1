// An admin marks, excuses or unmarks a student by hand, with a reason (audited, student notified).
// Unmarking leaves a trace (attendance_removals) instead of making the mark vanish.
import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation, notFound } from "../errors";
import { findEventOrThrow } from "../events/get-event";
import { notifyUser } from "../notifications/notify";
import { normalizeEmail } from "../accounts/normalize-email";
import { statusAt } from "./status-at";
import type { z } from "zod";
import type { RosterEntryOut, UnmarkOut } from "./schemas";

export async function manualMark(ctx: Ctx, actorId: string, eventId: string, input: { user_id?: string; email?: string; reason: string; status?: "present" | "late" | "excused" }): Promise<RosterEntryOut> {
  const now = ctx.clock.now();
  try {
    return await transact(ctx, async (tx) => {
      const event = await findEventOrThrow(tx, eventId);
      const select = { id: true, role: true, fullName: true, email: true } as const;
      const student = input.user_id
        ? await tx.user.findUnique({ where: { id: input.user_id }, select })
        : await tx.user.findUnique({ where: { email: normalizeEmail(input.email ?? "") }, select });
      if (!student) throw notFound("This user");
      if (student.role !== "student") throw new AppError("not_a_student", "Only students can be marked.");
      const status = input.status ?? statusAt(event, now);
      const record = await tx.attendanceRecord.create({
        data: { userId: student.id, eventId, markedAt: now, status, method: "manual", markedById: actorId, reason: input.reason, ipAddress: ctx.ip },
      });
      await recordAudit(tx, ctx, {
        action: "attendance_manual",
        actorId,
        targetType: "event",
        targetId: eventId,
        details: { user_id: student.id, status, reason: input.reason, record_id: record.id },
      });
      await notifyUser(tx, ctx, student.id, {
        type: "attendance_marked",
        title: status === "excused" ? `Excused · ${event.title}` : `Marked ${status} by an organiser · ${event.title}`,
        ...(status === "excused" && { body: input.reason }),
        link: "/home",
      });
      return {
        user_id: student.id,
        full_name: student.fullName,
        email: student.email,
        marked_at: record.markedAt.toISOString(),
        status: record.status,
        method: record.method,
        device_flag: false,
        reason: record.reason,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "This student is already marked for this event.");
    throw error;
  }
}

export async function unmarkAttendance(ctx: Ctx, actorId: string, eventId: string, input: { user_id: string; reason: string }): Promise<z.output<typeof UnmarkOut>> {
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, eventId);
    const record = await tx.attendanceRecord.findUnique({ where: { userId_eventId: { userId: input.user_id, eventId } } });
    if (!record) throw notFound("This attendance record", "attendance_not_found");
    // conditional on the row read: of two concurrent removals one deletes, the other finds nothing
    const { count } = await tx.attendanceRecord.deleteMany({ where: { id: record.id } });
    if (count !== 1) throw notFound("This attendance record", "attendance_not_found");
    // the visible trace (docs/courses.md): the student's history and the roster show the removal
    await tx.attendanceRemoval.create({
      data: { userId: record.userId, eventId, removedAt: ctx.clock.now(), removedById: actorId, reason: input.reason, status: record.status, method: record.method, markedAt: record.markedAt },
    });
    await notifyUser(tx, ctx, record.userId, { type: "attendance_marked", title: `Your ${record.status} mark was removed · ${event.title}`, body: input.reason, link: "/home" });
    await recordAudit(tx, ctx, {
      action: "attendance_unmarked",
      actorId,
      targetType: "event",
      targetId: eventId,
      details: { user_id: input.user_id, reason: input.reason, was: { status: record.status, method: record.method, marked_at: record.markedAt.toISOString() } },
    });
    return { unmarked: true as const, user_id: input.user_id, event_id: eventId };
  });
}
