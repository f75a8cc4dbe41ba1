// Delete one of your own passkeys: it can no longer sign in (the browser may still offer it;
// the server answers passkey_unknown). The account keeps its password. Needs a fresh proof of
// presence (step-up), like adding one: a stolen session must not remove the owner's passkeys.
import type { AuthUser } from "../auth/authenticate";
import { requireStepUp } from "../auth/require-step-up";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";

export async function deletePasskey(ctx: Ctx, user: Pick<AuthUser, "id" | "sessionId">, input: { passkeyId: string }) {
  await requireStepUp(ctx, user, "delete a passkey");
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: input.passkeyId, userId: user.id } });
    if (count !== 1) throw notFound("That passkey", "passkey_not_found");
    await recordAudit(tx, ctx, { action: "passkey_deleted", actorId: user.id, targetType: "passkey", targetId: input.passkeyId, details: { by: "owner" } });
    return { deleted: true as const };
  });
}
