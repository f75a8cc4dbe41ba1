// The step both ways of sending a reset link share — the user's own request and an admin's
// "Send reset link" — inside the caller's transaction: a new single-use token (stored as its
// hash, valid PASSWORD_RESET_MINUTES) and its mail. Nobody sees the link but the mailbox.
import { addMinutes } from "../clock";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { enqueueMail } from "../mail/enqueue-mail";
import { passwordResetMail } from "./account-mails";
import { mailedTokenHash, newMailedToken } from "./mailed-secret";

export async function issuePasswordReset(tx: Tx, ctx: Ctx, user: { id: string; email: string }, requestedBy: { id: string; fullName: string } | null) {
  const now = ctx.clock.now();
  const token = newMailedToken(ctx.random);
  const expiresAt = addMinutes(now, ctx.config.PASSWORD_RESET_MINUTES);
  const row = await tx.passwordResetToken.create({
    data: { userId: user.id, tokenHash: mailedTokenHash(token), createdAt: now, expiresAt, requestedById: requestedBy?.id ?? null },
    select: { id: true },
  });
  await enqueueMail(tx, ctx, passwordResetMail({
    email: user.email,
    userId: user.id,
    link: `${ctx.config.APP_URL}/reset-password?token=${encodeURIComponent(token)}`,
    minutes: ctx.config.PASSWORD_RESET_MINUTES,
    byAdmin: requestedBy?.fullName ?? null,
    requested: { at: now, zone: ctx.config.COLLEGE_TIMEZONE },
  }));
  return { id: row.id, expiresAt };
}
