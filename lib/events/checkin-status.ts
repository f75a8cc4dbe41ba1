// What the projector polls: check-in state, live count and the server's time.
import type { Ctx } from "../context";
import { checkinState } from "./checkin";
import { findEventOrThrow } from "./get-event";
import type { CheckinStatusOut } from "./schemas";

/** `codeId`: the code on screen; the answer says whether it was revoked meanwhile (another tab, revoke-all). */
export async function getCheckinStatus(ctx: Ctx, eventId: string, codeId?: string): Promise<CheckinStatusOut> {
  const event = await findEventOrThrow(ctx.db, eventId);
  const [count, code] = await Promise.all([
    ctx.db.attendanceRecord.count({ where: { eventId } }),
    codeId ? ctx.db.qrSession.findUnique({ where: { id: codeId }, select: { eventId: true, revokedAt: true } }) : null,
  ]);
  const now = ctx.clock.now();
  return {
    event_id: eventId,
    title: event.title,
    checkin_state: checkinState(event, now),
    ends_at: event.endsAt.toISOString(),
    attendance_count: count,
    server_time: now.toISOString(),
    rotation_seconds: ctx.config.QR_ROTATION_SECONDS,
    expiry_seconds: ctx.config.QR_EXPIRY_SECONDS,
    ...(codeId ? { code_revoked: !code || code.eventId !== eventId || code.revokedAt !== null } : {}),
  };
}
