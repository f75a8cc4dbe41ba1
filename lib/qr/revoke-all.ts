// Revoke every code that could still be scanned (admin "revoke all", QR secret rotation).
// An admin needs a fresh proof of presence (lib/auth/require-step-up.ts); operators running
// the command-line scripts on the server pass no actor and are exempt.
import type { AuthUser } from "../auth/authenticate";
import { requireStepUp } from "../auth/require-step-up";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";

export async function revokeAllQrSessions(ctx: Ctx, actor: Pick<AuthUser, "id" | "sessionId"> | null, reason = "revoke_all"): Promise<number> {
  if (actor) await requireStepUp(ctx, actor, "revoke every QR code");
  const actorId = actor?.id ?? null;
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
