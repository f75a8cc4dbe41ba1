// POST /api/auth/password-reset/confirm (docs/authentication.md#password-reset): a mailed link's
// token and a new password that passes the policy. One conditional update spends the token, in
// the transaction that sets the password, signs the account out everywhere (every session, and
// with it every refresh token), retires the account's other reset links, lifts a login lock (the
// mailbox is proven) and audits it; passkeys are kept. A notice mail tells the owner.
import { recordAudit } from "../audit/record";
import { unlockEmail } from "../auth/lockout";
import { hashPassword } from "../auth/password";
import { revokeUserSessions } from "../auth/sessions";
import type { Ctx } from "../context";
import { enqueueMail } from "../mail/enqueue-mail";
import { transact } from "../transact";
import { passwordChangedMail } from "./account-mails";
import { isWellFormedToken, mailedTokenError, mailedTokenHash } from "./mailed-secret";
import { assertPasswordAcceptable } from "./password-policy";
import type { PasswordResetConfirmInput } from "./schemas";

export async function resetPassword(ctx: Ctx, input: PasswordResetConfirmInput) {
  if (!isWellFormedToken(input.token)) throw mailedTokenError.invalid("password_reset");
  const found = await ctx.db.passwordResetToken.findUnique({
    where: { tokenHash: mailedTokenHash(input.token) },
    select: { id: true, expiresAt: true, usedAt: true, user: { select: { id: true, email: true } } },
  });
  if (!found) throw mailedTokenError.invalid("password_reset");
  const now = ctx.clock.now();
  if (found.usedAt) throw mailedTokenError.used("password_reset");
  if (found.expiresAt <= now) throw mailedTokenError.expired("password_reset");
  const { user } = found;
  assertPasswordAcceptable(input.password, user.email);
  const passwordHash = await hashPassword(input.password, ctx.config.BCRYPT_ROUNDS);

  const sessionsEnded = await transact(ctx, async (tx) => {
    const { count } = await tx.passwordResetToken.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) {
      const again = await tx.passwordResetToken.findUnique({ where: { id: found.id }, select: { usedAt: true } });
      throw again?.usedAt ? mailedTokenError.used("password_reset") : mailedTokenError.expired("password_reset");
    }
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    const ended = await revokeUserSessions(ctx, tx, user.id, "password_reset");
    const throttles = await unlockEmail(tx, user.email);
    await recordAudit(tx, ctx, { action: "password_reset", actorId: user.id, targetType: "user", targetId: user.id, details: { token_id: found.id, sessions_revoked: ended, throttles_cleared: throttles } });
    await enqueueMail(tx, ctx, passwordChangedMail({ email: user.email, userId: user.id, how: "reset", resetUrl: `${ctx.config.APP_URL}/forgot-password`, at: { at: now, zone: ctx.config.COLLEGE_TIMEZONE } }));
    return ended;
  });
  return { status: "password_changed" as const, sessions_ended: sessionsEnded };
}
