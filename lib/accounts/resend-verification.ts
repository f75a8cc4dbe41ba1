// POST /api/auth/verify-email/resend (docs/authentication.md#verified-email-at-signup): mail the
// newest live signup of an address a new link and code (the previous ones stop working). Like
// signup it answers the same for every address; the signup still expires when it would have.
// A flood costs one read per refused request and one transaction per allowed one
// (lib/rate-limit/take.ts): 10 per client address in 15 minutes (429), and the address's
// verification mails, shared with signups (5 an hour; beyond, nothing is sent).
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { enqueueMail } from "../mail/enqueue-mail";
import { rateLimited } from "../rate-limit/limit";
import { peekLimit, takeSlot, transactTaking } from "../rate-limit/take";
import { verificationMail } from "./account-mails";
import { addressSubject, SIGNUP_MAILS_PER_ADDRESS, VERIFY_RESENDS_PER_IP } from "./limits";
import { mailedTokenHash, newMailedToken, newVerificationCode, verificationCodeHash } from "./mailed-secret";
import { normalizeEmail } from "./normalize-email";
import { VERIFICATION_SENT, verificationLink } from "./sign-up";

const tooMany = (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, "Too many requests from your network; try again later.");

export async function resendVerification(ctx: Ctx, input: { email: string }): Promise<typeof VERIFICATION_SENT> {
  const seen = await peekLimit(ctx, VERIFY_RESENDS_PER_IP, ctx.ip);
  if (seen.limited) throw tooMany(seen.retryAfterSeconds);
  const email = normalizeEmail(input.email);
  const subject = addressSubject(email);
  if ((await peekLimit(ctx, SIGNUP_MAILS_PER_ADDRESS, subject)).limited) return VERIFICATION_SENT;

  const now = ctx.clock.now();
  const token = newMailedToken(ctx.random);
  const code = newVerificationCode(ctx.random);
  const signup = await ctx.db.pendingSignup.findFirst({
    where: { email, usedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, fullName: true, createdAt: true, expiresAt: true },
  });
  await transactTaking(ctx, async (tx) => {
    if (!(await takeSlot(tx, VERIFY_RESENDS_PER_IP, ctx.ip, now))) throw tooMany(seen.retryAfterSeconds);
    if (!(await takeSlot(tx, SIGNUP_MAILS_PER_ADDRESS, subject, now))) return;
    if (!signup) return;
    const { count } = await tx.pendingSignup.updateMany({
      where: { id: signup.id, usedAt: null, expiresAt: { gt: now } },
      data: { tokenHash: mailedTokenHash(token), codeHash: verificationCodeHash(ctx.config.SECRET_KEY, email, code) },
    });
    if (count !== 1) return; // verified or expired meanwhile: nothing to resend
    await enqueueMail(tx, ctx, verificationMail({
      email,
      fullName: signup.fullName,
      link: verificationLink(ctx, token),
      code,
      hours: Math.max(1, Math.floor((signup.expiresAt.getTime() - now.getTime()) / 3_600_000)),
      requested: { at: signup.createdAt, zone: ctx.config.COLLEGE_TIMEZONE },
    }));
    await recordAudit(tx, ctx, { action: "verification_resent", targetType: "pending_signup", targetId: signup.id, details: { email } });
  });
  return VERIFICATION_SENT;
}
