// POST /api/auth/verify-email (docs/authentication.md#verified-email-at-signup): a mailed link's
// token, or the address and the mail's 6-digit code, proves the mailbox and verifies the signup
// that mail was sent for — with that signup's own password and name. One conditional update
// spends it (used_at), in the transaction that opens the account; every other live signup of
// the address is retired there too, so their credentials never sign in. Codes are tried within
// a failure budget per address (5 wrong a day, reserved before the check), so they cannot be
// guessed; links cannot be guessed at all (256 bits).
import type { Ctx } from "../context";
import { isUniqueViolation, AppError } from "../errors";
import { approveRosteredSignups } from "../courses/roster-signups";
import { withinFailureBudget } from "../rate-limit/failure-budget";
import { rateLimited } from "../rate-limit/limit";
import { lockBeforeReading } from "../db";
import { transact } from "../transact";
import { addressSubject, VERIFY_CODE_FAILURES_PER_ADDRESS } from "./limits";
import { isWellFormedToken, mailedTokenError, mailedTokenHash, verificationCodeHash } from "./mailed-secret";
import { normalizeEmail } from "./normalize-email";
import { createVerifiedAccount, presentVerifiedAccount, type VerifiedAccount } from "./open-verified-account";
import type { VerifyEmailInput } from "./schemas";

const signupSelect = { id: true, email: true, fullName: true, passwordHash: true, expiresAt: true, usedAt: true, courseId: true } as const;
type SignupRow = { id: string; email: string; fullName: string; passwordHash: string; expiresAt: Date; usedAt: Date | null; courseId: string | null };

export async function verifyEmail(ctx: Ctx, input: VerifyEmailInput) {
  const signup = "token" in input ? await signupByToken(ctx, input.token) : await signupByCode(ctx, normalizeEmail(input.email), input.code);
  const account = await spend(ctx, signup);
  // After the commit, as a signup always did: a rostered address is approved now, and an
  // import committing meanwhile is caught by its own call (docs/courses.md#roster-auto-approval).
  await approveRosteredSignups(ctx, [signup.email], { atSignup: true });
  return presentVerifiedAccount(ctx, account);
}

async function signupByToken(ctx: Ctx, token: string): Promise<SignupRow> {
  if (!isWellFormedToken(token)) throw mailedTokenError.invalid("verification");
  const row = await ctx.db.pendingSignup.findUnique({ where: { tokenHash: mailedTokenHash(token) }, select: signupSelect });
  if (!row) throw mailedTokenError.invalid("verification");
  return row;
}

async function signupByCode(ctx: Ctx, email: string, code: string): Promise<SignupRow> {
  const refused = async (retryAfterSeconds: number) =>
    rateLimited({ retryAfterSeconds }, `Too many wrong codes for this address; use the link in the mail, or try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
  return withinFailureBudget(ctx, VERIFY_CODE_FAILURES_PER_ADDRESS, addressSubject(email), refused, async () => {
    const now = ctx.clock.now();
    const row = await ctx.db.pendingSignup.findFirst({
      where: { email, codeHash: verificationCodeHash(ctx.config.SECRET_KEY, email, code), usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: signupSelect,
    });
    // wrong, used and expired codes read alike: a code says nothing about other signups
    if (!row) throw mailedTokenError.invalid("verification");
    return row;
  });
}

/** Spend the signup's secret and open its account, in one transaction; the refusals say why. */
async function spend(ctx: Ctx, signup: SignupRow): Promise<VerifiedAccount> {
  const now = ctx.clock.now();
  if (signup.usedAt) throw mailedTokenError.used("verification");
  if (signup.expiresAt <= now) throw mailedTokenError.expired("verification");
  try {
    return await transact(ctx, async (tx) => {
      // Verifications of one address take turns, before anything is read. Without it, on
      // PostgreSQL, each locked its own signup's row, then the one creating the account waited for
      // those rows (to retire them) while they waited for its account's unique email: a deadlock,
      // and 30 at once held every pooled connection until transactions could not start (500s).
      const lockSignups = `SELECT id FROM pending_signups WHERE email = $1 AND used_at IS NULL ORDER BY id FOR UPDATE`;
      await lockBeforeReading(tx, ctx.config.DATABASE_URL, "pending_signups", lockSignups, signup.email);
      const { count } = await tx.pendingSignup.updateMany({ where: { id: signup.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, codeHash: null } });
      if (count !== 1) {
        const again = await tx.pendingSignup.findUnique({ where: { id: signup.id }, select: { usedAt: true } });
        throw again?.usedAt ? mailedTokenError.used("verification") : mailedTokenError.expired("verification");
      }
      const account = await createVerifiedAccount(tx, ctx, { email: signup.email, fullName: signup.fullName, passwordHash: signup.passwordHash, via: "signup", onExisting: "refuse", courseId: signup.courseId });
      // the address is proven and taken: no other signup of it may ever be verified
      await tx.pendingSignup.updateMany({ where: { email: signup.email, usedAt: null }, data: { usedAt: now, codeHash: null } });
      return account;
    });
  } catch (error) {
    // two signups of one address verified at the same moment: the other one made the account
    if (isUniqueViolation(error)) throw new AppError("email_taken", "This address already has an account: sign in, or reset your password from the login page.");
    throw error;
  }
}
