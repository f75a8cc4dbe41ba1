// Revoke every code that could still be scanned (admin "revoke all", QR secret rotation).
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";

export async function revokeAllQrSessions(ctx: Ctx, actorId: string | null, reason = "revoke_all"): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.qrSession.updateMany({
      where: { revokedAt: null, expiresAt: { gt: new Date(now.getTime() - 5 * 60_000) } },
      data: { revokedAt: now },
    });
    await recordAudit(tx, ctx, { action: "qr_revoked_all", actorId, targetType: "qr_session", details: { count, reason } });
    return count;
  });
}
