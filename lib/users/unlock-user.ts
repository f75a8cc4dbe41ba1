// An admin lifts a login lockout (docs/authentication.md, "Lockout"): the account's own
// throttle and every trusted device's are cleared, in the transaction that audits it.
import type { AuthUser } from "../auth/authenticate";
import { unlockEmail } from "../auth/lockout";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { log } from "../log";
import { loadAdminUser } from "./list-users";

export async function unlockUser(ctx: Ctx, input: { actor: AuthUser; userId: string }) {
  const cleared = await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
    if (!user) throw notFound("That user");
    const rows = await unlockEmail(tx, user.email);
    await recordAudit(tx, ctx, { action: "login_unlocked", actorId: input.actor.id, targetType: "user", targetId: user.id, details: { email: user.email, throttles_cleared: rows } });
    return rows;
  });
  log("info", "security: login lockout lifted", { requestId: ctx.requestId, actorId: input.actor.id, userId: input.userId, cleared });
  const user = await loadAdminUser(ctx, ctx.db, input.userId);
  if (!user) throw notFound("That user");
  return { user, throttles_cleared: cleared };
}
