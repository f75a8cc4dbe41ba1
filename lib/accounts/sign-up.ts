// POST /api/auth/signup (docs/authentication.md#verified-email-at-signup). A signup is stored
// unverified, in pending_signups, and mailed a link and a 6-digit code; it is not an account and
// holds no claim on the address, so an impostor's signup of a rostered address never blocks the
// owner's. The account is made only when a mailed secret comes back (lib/accounts/verify-email.ts).
//
// The answer is the same for every address — 202 {"status":"verification_sent"} — and so is the
// work: the password is hashed, the address looked up and one transaction written whether the
// address is new, already signed up, on a roster or already an account (which gets a "you
// already have an account" mail instead). Only the per-address limit on the client's own
// network (429) is said out loud, and it says nothing about the address.
import { passwordsOff } from "../auth/login";
import { addHours } from "../clock";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { enqueueMail } from "../mail/enqueue-mail";
import { enforce, rateLimited } from "../rate-limit/limit";
import { JOIN_ATTEMPTS_IP } from "../courses/join-course";
import { resolveJoinCode } from "../courses/resolve-join-code";
import { peekLimit, takeSlot, transactTaking } from "../rate-limit/take";
import { alreadyRegisteredMail, verificationMail } from "./account-mails";
import { addressSubject, LIVE_SIGNUPS_PER_ADDRESS, SIGNUP_MAILS_PER_ADDRESS, signupsPerIp } from "./limits";
import { mailedTokenHash, newMailedToken, newVerificationCode, verificationCodeHash } from "./mailed-secret";
import { normalizeEmail } from "./normalize-email";
import { blocksNewSignup, findAccountForSignup } from "./open-verified-account";
import { assertPasswordAcceptable } from "./password-policy";
import type { SignupInput } from "./schemas";

export const VERIFICATION_SENT = { status: "verification_sent" } as const;

/** Unverified signups are kept this long after they expire, so a late click reads "expired", not "invalid". */
const KEEP_EXPIRED_DAYS = 7;

const tooMany = (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, "Too many signups from your network; try again later.");

export async function signUp(ctx: Ctx, input: SignupInput): Promise<typeof VERIFICATION_SENT> {
  // students-off: accounts open only through the college's sign-in (lib/auth/sso/sign-in-with-sso.ts)
  if (ctx.config.AUTH_PASSWORDS === "students-off") throw passwordsOff();
  const ipRule = signupsPerIp(ctx.config.SIGNUP_LIMIT_PER_IP);
  const seen = await peekLimit(ctx, ipRule, ctx.ip);
  if (seen.limited) throw tooMany(seen.retryAfterSeconds);
  const email = normalizeEmail(input.email);
  assertPasswordAcceptable(input.password, email);
  // A course join code (a student not on the roster): the request opened at verification names
  // the course (lib/accounts/signup-window.ts). The code, not the address, is checked — the same
  // answer for every address — and guessing codes is limited per network like joining is.
  let courseId: string | null = null;
  if (input.join_code) {
    await enforce(ctx, JOIN_ATTEMPTS_IP, ctx.ip, "Too many join codes tried from this network. Try again in a few minutes.");
    courseId = (await resolveJoinCode(ctx.db, input.join_code)).id;
  }

  // The same work on every path from here on: a bcrypt hash, a secret, one read, one transaction.
  const passwordHash = await hashPassword(input.password, ctx.config.BCRYPT_ROUNDS);
  const token = newMailedToken(ctx.random);
  const code = newVerificationCode(ctx.random);
  const account = await findAccountForSignup(ctx.db, email);
  const now = ctx.clock.now();
  const taken = account && blocksNewSignup(account, now) ? account : null;

  await transactTaking(ctx, async (tx) => {
    if (!(await takeSlot(tx, ipRule, ctx.ip, now))) throw tooMany(seen.retryAfterSeconds);
    await tx.pendingSignup.deleteMany({ where: { expiresAt: { lt: addHours(now, -24 * KEEP_EXPIRED_DAYS) } } });
    // over the per-address mail limit: the same answer, and nothing sent
    if (!(await takeSlot(tx, SIGNUP_MAILS_PER_ADDRESS, addressSubject(email), now))) return;
    if (taken) {
      await enqueueMail(tx, ctx, alreadyRegisteredMail({
        email,
        userId: taken.id,
        loginUrl: `${ctx.config.APP_URL}/login`,
        resetUrl: `${ctx.config.APP_URL}/forgot-password`,
        requested: { at: now, zone: ctx.config.COLLEGE_TIMEZONE },
      }));
      await recordAudit(tx, ctx, { action: "signup", targetType: "user", targetId: taken.id, details: { email, outcome: "account_exists" } });
      return;
    }
    const signup = await tx.pendingSignup.create({
      data: {
        email,
        fullName: input.full_name,
        passwordHash,
        tokenHash: mailedTokenHash(token),
        codeHash: verificationCodeHash(ctx.config.SECRET_KEY, email, code),
        createdAt: now,
        expiresAt: addHours(now, ctx.config.EMAIL_VERIFICATION_HOURS),
        courseId,
      },
      select: { id: true },
    });
    await retireOldestSignups(tx, email, now);
    await enqueueMail(tx, ctx, verificationMail({
      email,
      fullName: input.full_name,
      link: verificationLink(ctx, token),
      code,
      hours: ctx.config.EMAIL_VERIFICATION_HOURS,
      requested: { at: now, zone: ctx.config.COLLEGE_TIMEZONE },
    }));
    await recordAudit(tx, ctx, { action: "signup", targetType: "pending_signup", targetId: signup.id, details: { email, outcome: "verification_sent" } });
  });
  return VERIFICATION_SENT;
}

export const verificationLink = (ctx: Pick<Ctx, "config">, token: string) => `${ctx.config.APP_URL}/verify-email?token=${encodeURIComponent(token)}`;

/**
 * Keep at most LIVE_SIGNUPS_PER_ADDRESS live signups of an address: the oldest beyond them stop
 * working. This bounds how many live codes a guesser can aim at (lib/accounts/limits.ts).
 */
async function retireOldestSignups(tx: Tx, email: string, now: Date): Promise<void> {
  const live = await tx.pendingSignup.findMany({
    where: { email, usedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: LIVE_SIGNUPS_PER_ADDRESS,
    select: { id: true },
  });
  if (live.length) await tx.pendingSignup.updateMany({ where: { id: { in: live.map((s) => s.id) } }, data: { expiresAt: now, codeHash: null } });
}
