// POST /api/admin/users/{id}/send-password-reset and the users page's "Send reset link"
// (docs/authentication.md#password-reset): an admin mails a user a reset link. Nobody, admin
// included, ever sees or sets another person's password: the link goes to the user's mailbox
// only. Audited; counted against the account's reset links (3 an hour, shared with the user's
// own requests: 429 beyond, since the admin knows the account exists).
import { addressSubject, RESET_MAILS_PER_ACCOUNT } from "../accounts/limits";
import { issuePasswordReset } from "../accounts/issue-password-reset";
import { mayReset } from "../accounts/request-password-reset";
import type { AuthUser } from "../auth/authenticate";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, notFound } from "../errors";
import { rateLimited } from "../rate-limit/limit";
import { peekLimit, takeSlot, transactTaking } from "../rate-limit/take";

export async function sendPasswordReset(ctx: Ctx, input: { actor: AuthUser; userId: string }) {
  const user = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, status: true, emailVerifiedAt: true } });
  if (!user) throw notFound("That user");
  if (!mayReset(user)) throw new AppError("conflict", "Only active or waiting accounts with a confirmed address can be sent a reset link.");
  const subject = addressSubject(user.email);
  const limited = (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, `This account was sent ${RESET_MAILS_PER_ACCOUNT.max} reset links in the last hour; try again later.`);
  const seen = await peekLimit(ctx, RESET_MAILS_PER_ACCOUNT, subject);
  if (seen.limited) throw limited(seen.retryAfterSeconds);
  const now = ctx.clock.now();
  const issued = await transactTaking(ctx, async (tx) => {
    if (!(await takeSlot(tx, RESET_MAILS_PER_ACCOUNT, subject, now))) throw limited(seen.retryAfterSeconds);
    const sent = await issuePasswordReset(tx, ctx, user, { id: input.actor.id, fullName: input.actor.fullName });
    await recordAudit(tx, ctx, { action: "password_reset_sent", actorId: input.actor.id, targetType: "user", targetId: user.id, details: { email: user.email, token_id: sent.id } });
    return sent;
  });
  return { status: "reset_sent" as const, expires_at: issued.expiresAt.toISOString() };
}
