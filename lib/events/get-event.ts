import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { notFound } from "../errors";
import type { EventWithCountOut } from "./schemas";
import { eventJson } from "./serialize";

export async function findEventOrThrow(db: DbOrTx, id: string) {
  const event = await db.event.findUnique({ where: { id } });
  if (!event) throw notFound("This event", "event_not_found");
  return event;
}

export async function getEvent(ctx: Ctx, id: string): Promise<EventWithCountOut> {
  const event = await findEventOrThrow(ctx.db, id);
  const count = await ctx.db.attendanceRecord.count({ where: { eventId: id } });
  return { ...eventJson(event, ctx.clock.now()), attendance_count: count };
}
