// An admin revokes (deletes) every passkey of a user — a lost phone, a suspected clone. Audited
// with how many went; the user signs in with their password and can add new ones.
import type { AuthUser } from "../auth/authenticate";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { log } from "../log";

export async function revokeUserPasskeys(ctx: Ctx, input: { actor: Pick<AuthUser, "id">; userId: string }) {
  return ctx.db.$transaction(async (tx) => {
    // Write first (SQLite: a read-then-write transaction can fail with SQLITE_BUSY under another writer).
    const { count } = await tx.passkey.deleteMany({ where: { userId: input.userId } });
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw notFound("That user");
    await recordAudit(tx, ctx, { action: "passkeys_revoked", actorId: input.actor.id, targetType: "user", targetId: user.id, details: { revoked: count } });
    log("info", "security: passkeys revoked", { requestId: ctx.requestId, actorId: input.actor.id, userId: user.id, revoked: count });
    return { revoked: count };
  });
}
