// A user's own passkeys, newest first, and whether this server can offer passkeys at all.
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { passkeySelect, presentPasskey } from "./present";
import { passkeySupport } from "./relying-party";

export async function listPasskeys(ctx: Ctx, user: Pick<AuthUser, "id">) {
  const support = passkeySupport(ctx.config);
  const rows = await ctx.db.passkey.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, select: passkeySelect });
  return {
    passkeys_available: support.available,
    unavailable_reason: support.available ? null : support.reason,
    passkeys: rows.map(presentPasskey),
  };
}
