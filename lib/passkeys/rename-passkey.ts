// Rename one of your own passkeys. Someone else's passkey is "not found", not "forbidden":
// its existence is none of your business.
import type { AuthUser } from "../auth/authenticate";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { passkeySelect, presentPasskey } from "./present";

export async function renamePasskey(ctx: Ctx, user: Pick<AuthUser, "id">, input: { passkeyId: string; name: string }) {
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.passkey.updateMany({ where: { id: input.passkeyId, userId: user.id }, data: { name: input.name } });
    if (count !== 1) throw notFound("That passkey", "passkey_not_found");
    await recordAudit(tx, ctx, { action: "passkey_renamed", actorId: user.id, targetType: "passkey", targetId: input.passkeyId, details: { name: input.name } });
    const passkey = await tx.passkey.findUniqueOrThrow({ where: { id: input.passkeyId }, select: passkeySelect });
    return { passkey: presentPasskey(passkey) };
  });
}
