import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import type { z } from "zod";
import { findEventOrThrow } from "./get-event";
import type { DeleteEventOut } from "./schemas";

/** Deleting an event that has attendance needs an explicit confirmation (its records go too). */
export async function deleteEvent(ctx: Ctx, actorId: string, id: string, confirmed: boolean): Promise<z.output<typeof DeleteEventOut>> {
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, id);
    const records = await tx.attendanceRecord.count({ where: { eventId: id } });
    if (records > 0 && !confirmed) {
      throw new AppError("event_has_attendance", `This event has ${records} attendance records. Archive it to keep them, or delete with ?confirm=true.`, { attendance_count: records });
    }
    await tx.event.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: "event_deleted", actorId, targetType: "event", targetId: id, details: { title: event.title, attendance_count: records } });
    return { deleted: true as const, id, attendance_deleted: records };
  });
}
