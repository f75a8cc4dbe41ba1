import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { findEventOrThrow } from "./get-event";

/** Deleting an event that has attendance needs an explicit confirmation (its records go too). */
export async function deleteEvent(ctx: Ctx, actorId: string, id: string, confirmed: boolean) {
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, id);
    const records = await tx.attendanceRecord.count({ where: { eventId: id } });
    if (records > 0 && !confirmed) {
      throw new AppError("event_has_attendance", `This event has ${records} attendance records. Archive it to keep them, or delete with ?confirm=true.`, { attendance_count: records });
    }
    await tx.event.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: "event_deleted", actorId, targetType: "event", targetId: id, details: { title: event.title, attendance_count: records } });
    return { deleted: true, id, attendance_deleted: records };
  });
}
