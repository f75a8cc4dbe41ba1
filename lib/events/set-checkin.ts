// Start and stop check-in. Stopping also revokes the event's live codes so a code left on
// a screen stops working at once. Check-in opens for the first time (by "Start check-in" or by
// issuing a code, which starts it) only from CHECKIN_OPENS_MINUTES_BEFORE before the event's
// start until its end: a code issued for next year's event must not quietly open it now.
import { transact } from "../transact";
import { bumpCourseVersion } from "../courses/attendance-version";
import { sweepEndedSessions } from "../courses/low-attendance";
import { errorFields, log } from "../log";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { addMinutes } from "../clock";
import { formatTime } from "../time/format";
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
  if (state === "not_started") {
    const opensAt = addMinutes(event.startsAt, -ctx.config.CHECKIN_OPENS_MINUTES_BEFORE);
    if (now < opensAt) throw notOpenYet(ctx, event, opensAt);
  }
  if (state === "stopped" && !reopen) throw new AppError("event_closed", "Check-in for this event was stopped. Start it again first.");
  // reopening a stopped course session makes it "not held" again: its absences stop counting
  if (event.courseId && state === "stopped") await bumpCourseVersion(tx, event.courseId);
  const updated = await tx.event.update({ where: { id: eventId }, data: { checkinOpenedAt: now, checkinClosedAt: null } });
  await recordAudit(tx, ctx, { action: "checkin_started", actorId, targetType: "event", targetId: eventId });
  return updated;
}

function notOpenYet(ctx: Ctx, event: { title: string; endsAt: Date }, opensAt: Date): AppError {
  const zone = { timeZone: ctx.config.COLLEGE_TIMEZONE, now: ctx.clock.now() };
  const window = `from ${formatTime(opensAt, zone)} (${ctx.config.CHECKIN_OPENS_MINUTES_BEFORE} minutes before it starts) until it ends at ${formatTime(event.endsAt, zone)}`;
  return new AppError(
    "event_not_open",
    `Check-in for “${event.title}” can open ${window}. Issuing a code opens check-in, so it is refused until then.`,
    { opens_at: opensAt.toISOString(), ends_at: event.endsAt.toISOString(), window },
  );
}

export async function startCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  return transact(ctx, async (tx) => eventJson(await openCheckin(tx, ctx, actorId, eventId, true), ctx.clock.now()));
}

export async function stopCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  const stopped = await closeCheckin(ctx, actorId, eventId);
  // a course session just closed: its absences count from now, but warnings wait for the course's
  // grace period (docs/courses.md#low-attendance-warning); with no grace it is settled at once
  if (stopped.course_id) await sweepEndedSessions(ctx, eventId).catch((error: unknown) => log("error", "low-attendance check", { eventId, ...errorFields(error) }));
  return stopped;
}

async function closeCheckin(ctx: Ctx, actorId: string, eventId: string): Promise<EventOut> {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    const event = await findEventOrThrow(tx, eventId);
    if (event.checkinClosedAt || !event.checkinOpenedAt) return eventJson(event, now);
    if (event.courseId) await bumpCourseVersion(tx, event.courseId);
    const updated = await tx.event.update({ where: { id: eventId }, data: { checkinClosedAt: now } });
    const { count } = await tx.qrSession.updateMany({ where: { eventId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: "checkin_stopped", actorId, targetType: "event", targetId: eventId, details: { codes_revoked: count } });
    return eventJson(updated, now);
  });
}
