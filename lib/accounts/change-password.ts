// POST /api/auth/change-password and the Security page (docs/authentication.md#password-change):
// the current password (wrong ones within a failure budget per user, 5 per 15 minutes, like
// step-up), a new one that passes the policy and differs from it. The update is conditional on
// the stored hash it checked, so a concurrent reset or change is never overwritten unseen;
// every other session ends, this one stays. It also ends the bootstrap admin's "change your
// password first" (users.must_change_password).
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { enqueueMail } from "../mail/enqueue-mail";
import { withinFailureBudget } from "../rate-limit/failure-budget";
import { rateLimited } from "../rate-limit/limit";
import { transact } from "../transact";
import { passwordChangedMail } from "./account-mails";
import { PASSWORD_CHANGE_FAILURES_PER_USER } from "./limits";
import { assertPasswordAcceptable } from "./password-policy";
import type { ChangePasswordInput } from "./schemas";

export async function changePassword(ctx: Ctx, actor: AuthUser, input: ChangePasswordInput) {
  const refused = async (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, `Too many wrong passwords; try again in ${retryAfterSeconds} seconds.`);
  const current = await withinFailureBudget(ctx, PASSWORD_CHANGE_FAILURES_PER_USER, actor.id, refused, async () => {
    const row = await ctx.db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
    if (!row || !(await verifyPassword(input.current_password, row.passwordHash))) throw new AppError("invalid_credentials", "That is not your current password.");
    return row.passwordHash;
  });
  if (input.new_password === input.current_password) {
    throw new AppError("weak_password", "The new password must differ from the current one.", { violations: [{ code: "same_as_current", message: "Differs from your current password" }] });
  }
  assertPasswordAcceptable(input.new_password, actor.email);
  const passwordHash = await hashPassword(input.new_password, ctx.config.BCRYPT_ROUNDS);
  const now = ctx.clock.now();

  const ended = await transact(ctx, async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: actor.id, passwordHash: current }, data: { passwordHash, mustChangePassword: false } });
    if (count !== 1) throw new AppError("conflict", "Your password was changed meanwhile; sign in again with the new one.");
    const { count: sessions } = await tx.authSession.updateMany({
      where: { userId: actor.id, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now, revokedReason: "password_changed" },
    });
    await tx.passwordResetToken.updateMany({ where: { userId: actor.id, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, ctx, { action: "password_changed", actorId: actor.id, targetType: "user", targetId: actor.id, details: { sessions_revoked: sessions } });
    await enqueueMail(tx, ctx, passwordChangedMail({ email: actor.email, userId: actor.id, how: "change", resetUrl: `${ctx.config.APP_URL}/forgot-password`, at: { at: now, zone: ctx.config.COLLEGE_TIMEZONE } }));
    return sessions;
  });
  return { status: "password_changed" as const, sessions_ended: ended };
}
