// Start and stop check-in. Stopping also revokes the event's live codes so a code left on
// a screen stops working at once.
import { transact } from "../transact";
import { checkLowAttendance } from "../courses/low-attendance";
import { errorFields, log } from "../log";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { checkinState } from "./checkin";
import { findEventOrThrow } from "./get-event";
import type { EventOut } from "./schemas";
import { eventJson } from "./serialize";

/** Open check-in. A stopped event reopens only when `reopen` (the admin's explicit "start"). */
export async function openCheckin(tx: Tx, ctx: Ctx, actorId: string | null, eventId: string, reopen: boolean) {
  const now = ctx.clock.now();
  const event = await findEventOrThrow(tx, eventId);
  const state = checkinState(event, now);
  if (state === "ended" || state === "archived") {
    throw new AppError("event_closed", state === "ended" ? "This event has ended; check-in cannot start." : "This event is archived.");
  }
  if (state === "open") return event;
  if (state === "stopped" && !reopen) throw new AppError("event_closed", "Check-in for this event was stopped. Start it again first.");
  const updated = await tx.event.update({ where: { id: eventId }, data: { checkinOpenedAt: now, checkinClosedAt: null } });
  await recordAudit(tx, ctx, { action: "checkin_started", actorId, targetType: "event", targetId: eventId });
  return updated;
}

export async function startCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  return transact(ctx, async (tx) => eventJson(await openCheckin(tx, ctx, actorId, eventId, true), ctx.clock.now()));
}

export async function stopCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  const stopped = await closeCheckin(ctx, actorId, eventId);
  // a course session just closed: its absences are final, so check the course's rates now
  if (stopped.course_id) await checkLowAttendance(ctx, stopped.course_id).catch((error: unknown) => log("error", "low-attendance check", { eventId, ...errorFields(error) }));
  return stopped;
}

async function closeCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, eventId);
    if (event.checkinClosedAt || !event.checkinOpenedAt) return eventJson(event, now);
    const updated = await tx.event.update({ where: { id: eventId }, data: { checkinClosedAt: now } });
    const { count } = await tx.qrSession.updateMany({ where: { eventId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: "checkin_stopped", actorId, targetType: "event", targetId: eventId, details: { codes_revoked: count } });
    return eventJson(updated, now);
  });
}
