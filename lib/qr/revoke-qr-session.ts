import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import type { z } from "zod";
import type { RevokedCountOut, RevokedQrSessionOut } from "./schemas";

export async function revokeQrSession(ctx: Ctx, actorId: string, id: string): Promise<z.output<typeof RevokedQrSessionOut>> {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    const session = await tx.qrSession.findUnique({ where: { id }, select: { id: true, eventId: true, revokedAt: true } });
    if (!session) throw notFound("This QR code", "qr_not_found");
    const revokedAt = session.revokedAt ?? now;
    if (!session.revokedAt) {
      await tx.qrSession.update({ where: { id }, data: { revokedAt } });
      await recordAudit(tx, ctx, { action: "qr_revoked", actorId, targetType: "qr_session", targetId: id, details: { event_id: session.eventId } });
    }
    return { id, event_id: session.eventId, revoked_at: revokedAt.toISOString() };
  });
}

/** Revoke every live code of one event (the projector's "revoke all"). */
export async function revokeEventQrSessions(ctx: Ctx, actorId: string, eventId: string): Promise<RevokedCountOut> {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    const exists = await tx.event.findUnique({ where: { id: eventId }, select: { id: true } });
    if (!exists) throw notFound("This event", "event_not_found");
    const { count } = await tx.qrSession.updateMany({ where: { eventId, revokedAt: null, expiresAt: { gt: new Date(now.getTime() - 5 * 60_000) } }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: "qr_revoked_all", actorId, targetType: "event", targetId: eventId, details: { count } });
    return { revoked: count };
  });
}
