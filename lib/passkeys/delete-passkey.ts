// Delete one of your own passkeys: it can no longer sign in (the browser may still offer it;
// the server answers passkey_unknown). The account keeps its password.
import type { AuthUser } from "../auth/authenticate";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";

export async function deletePasskey(ctx: Ctx, user: Pick<AuthUser, "id">, input: { passkeyId: string }) {
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: input.passkeyId, userId: user.id } });
    if (count !== 1) throw notFound("That passkey", "passkey_not_found");
    await recordAudit(tx, ctx, { action: "passkey_deleted", actorId: user.id, targetType: "passkey", targetId: input.passkeyId, details: { by: "owner" } });
    return { deleted: true as const };
  });
}
