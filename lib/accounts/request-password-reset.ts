// POST /api/auth/password-reset (docs/authentication.md#password-reset): always 202 with the same
// body, and the same work — one read of the address, one transaction — whether or not it has an
// account; a registered, verified, active or waiting account gets a link (lib/accounts/issue-password-reset.ts).
// Limits (lib/accounts/limits.ts), each refused by a read alone, no write: 10 requests per client
// address in 15 minutes (429: says nothing about the address), 3 links per account an hour,
// counted by address for unknown ones too (beyond it: 202 and nothing sent).
import { recordAudit } from "../audit/record";
import { addDays } from "../clock";
import type { Ctx } from "../context";
import { rateLimited } from "../rate-limit/limit";
import { peekLimit, takeSlot, transactTaking } from "../rate-limit/take";
import { issuePasswordReset } from "./issue-password-reset";
import { addressSubject, RESET_MAILS_PER_ACCOUNT, RESET_REQUESTS_PER_IP } from "./limits";
import { normalizeEmail } from "./normalize-email";

export const RESET_REQUESTED = { status: "reset_requested" } as const;

const tooMany = (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, "Too many password-reset requests from your network; try again later.");

/** Accounts a reset link may be mailed to: proven addresses whose owner can sign in (or soon will). */
export const mayReset = (user: { status: string; emailVerifiedAt: Date | null }) => user.emailVerifiedAt !== null && (user.status === "active" || user.status === "pending");

export async function requestPasswordReset(ctx: Ctx, input: { email: string }): Promise<typeof RESET_REQUESTED> {
  const seen = await peekLimit(ctx, RESET_REQUESTS_PER_IP, ctx.ip);
  if (seen.limited) throw tooMany(seen.retryAfterSeconds);
  const email = normalizeEmail(input.email);
  const subject = addressSubject(email);
  if ((await peekLimit(ctx, RESET_MAILS_PER_ACCOUNT, subject)).limited) return RESET_REQUESTED;

  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, email: true, status: true, emailVerifiedAt: true } });
  const now = ctx.clock.now();
  await transactTaking(ctx, async (tx) => {
    if (!(await takeSlot(tx, RESET_REQUESTS_PER_IP, ctx.ip, now))) throw tooMany(seen.retryAfterSeconds);
    if (!(await takeSlot(tx, RESET_MAILS_PER_ACCOUNT, subject, now))) return;
    // housekeeping that also keeps both paths' work alike: links a week past their expiry
    await tx.passwordResetToken.deleteMany({ where: { expiresAt: { lt: addDays(now, -7) } } });
    // audited either way (admins see a probe of unknown addresses too), which also keeps the work alike
    const issued = user && mayReset(user) ? await issuePasswordReset(tx, ctx, user, null) : null;
    await recordAudit(tx, ctx, { action: "password_reset_requested", targetType: "user", targetId: issued ? user!.id : null, details: { email, sent: issued !== null, ...(issued && { token_id: issued.id }) } });
  });
  return RESET_REQUESTED;
}
