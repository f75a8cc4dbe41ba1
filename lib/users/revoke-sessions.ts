import { recordAudit } from "../audit/record";
import { revokeUserSessions } from "../auth/sessions";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { log } from "../log";

/** An admin ends every session of a user (API and browser); they must log in again. */
export async function revokeSessionsForUser(ctx: Ctx, input: { actor: AuthUser; userId: string }) {
  return ctx.db.$transaction(async (tx) => {
    // Write first (SQLite: a read-then-write transaction can fail with SQLITE_BUSY under another writer).
    const revoked = await revokeUserSessions(ctx, tx, input.userId, "admin_revoked");
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw notFound("That user");
    await recordAudit(tx, ctx, { action: "sessions_revoked", actorId: input.actor.id, targetType: "user", targetId: user.id, details: { revoked } });
    log("info", "security: sessions revoked", { requestId: ctx.requestId, actorId: input.actor.id, userId: user.id, revoked });
    return { revoked };
  });
}
