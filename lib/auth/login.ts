// Password login for the API (a token pair) and the browser (a web session for next-auth);
// the design is in docs/authentication.md. In order:
// 1. Refusals that need no password check are decided by reads alone and audited in aggregate
//    (lib/audit/refusals.ts): the address's failure budgets (lib/rate-limit/reserve.ts) — one per
//    (address, account), so strangers' failures never use up a room's budget, and a much higher
//    ceiling for the address as a whole, against password spraying — then the account's lockout
//    (lib/auth/lockout.ts), keyed by the normalised email. A client presenting this account's
//    trusted-device token skips the address budgets (OWASP's device cookie) and its lockout key is
//    that device alone.
// 2. All limits are RESERVED before the bcrypt compare, so parallel guesses cannot slip past.
// 3. Unknown emails cost a dummy compare and count against their own key, exactly like a wrong
//    password. A failure keeps its slots and is audited (login_failed); a correct password gives
//    the address's slot back and ends in completeSignIn, as every sign-in method does.
import { addressSubject, LOGIN_FAILURES_PER_IP, LOGIN_FAILURES_PER_IP_ACCOUNT } from "../accounts/limits";
import { normalizeEmail } from "../accounts/normalize-email";
import type { LoginInput } from "../accounts/schemas";
import { recordAudit } from "../audit/record";
import { noteRefusal } from "../audit/refusals";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { rateLimited } from "../rate-limit/limit";
import { peekFailures, reserve, settle, type Reservation } from "../rate-limit/reserve";
import { completeSignIn, presentApiSignIn, type SignInKind, type SignInResult } from "./complete-sign-in";
import { trustedDeviceFor, type TrustedDevice } from "./device-token";
import { clearAttempts, lockRefusal, readThrottle, recordFailedAttempt, reserveAttempt, throttleKey, type Slot } from "./lockout";
import { auditLoginFailure } from "./login-audit";
import { dummyHash, verifyPassword } from "./password";

const invalidCredentials = () => new AppError("invalid_credentials", "The email or password is wrong.");

/** AUTH_PASSWORDS=students-off: what a student's password sign-in and a signup answer. */
export const passwordsOff = () => new AppError("passwords_off", "Students sign in with their college account: use the college sign-in button on the login page.");

const ipRefused = async (ctx: Ctx, retryAfterSeconds: number) => {
  await noteRefusal(ctx, { action: "login_refused", subject: `ip:${ctx.ip}`, targetType: "ip", targetId: ctx.ip, details: { reason: "ip_rate_limited" } });
  return rateLimited({ retryAfterSeconds }, `Too many failed logins from your network; try again in ${retryAfterSeconds} seconds.`);
};

const accountLocked = async (ctx: Ctx, email: string, key: string, device: TrustedDevice | null, retry: number) => {
  await noteRefusal(ctx, { action: "login_refused", subject: key, details: { reason: "account_locked", email, trusted_device: device !== null } });
  return new AppError("account_locked", `Too many failed attempts for this account; try again in ${retry} seconds.`, { retry_after_seconds: retry }, { "Retry-After": String(retry) });
};

async function loadUser(ctx: Ctx, email: string) {
  return ctx.db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
    include: { approvalRequests: { orderBy: { requestedAt: "desc" }, take: 1 } },
  });
}

/**
 * With no account: the newest live unverified signup of the address, whose password is checked
 * instead of the dummy (one compare either way). Its right password earns `email_unverified`,
 * never a session; no other unverified signup's password is ever tried.
 */
async function newestUnverifiedSignup(ctx: Ctx, email: string) {
  return ctx.db.pendingSignup.findFirst({
    where: { email, usedAt: null, expiresAt: { gt: ctx.clock.now() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { passwordHash: true },
  });
}

/**
 * Verify credentials and open a session; throws AppErrors for every refusal. `deviceTokens`:
 * the trusted-device tokens the client presented (the API body's device_token, the browser's
 * rc_trust cookie).
 */
export async function authenticateCredentials(ctx: Ctx, input: LoginInput, kind: SignInKind, deviceTokens: readonly string[] = []): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const device = trustedDeviceFor(deviceTokens, email, ctx.config.SECRET_KEY, ctx.clock.now());
  const key = throttleKey(email, device);

  // the address budgets: (address, account) first, then the address's ceiling; none for a trusted device
  const budgets = device ? [] : [{ rule: LOGIN_FAILURES_PER_IP_ACCOUNT, subject: `${ctx.ip}|${addressSubject(email)}` }, { rule: LOGIN_FAILURES_PER_IP, subject: ctx.ip }];
  for (const b of budgets) {
    const seen = await peekFailures(ctx, b.rule, b.subject);
    if (seen.limited) throw await ipRefused(ctx, seen.retryAfterSeconds);
  }
  const lockSeen = lockRefusal(await readThrottle(ctx, key), ctx.clock.now());
  if (lockSeen !== null) throw await accountLocked(ctx, email, key, device, lockSeen);

  const reservations: Reservation[] = [];
  // "refund": not checked (or right), so not a failure of this address; "failed" keeps the slots
  const settleAll = (outcome: "failed" | "refund") => Promise.all(reservations.map((r) => settle(ctx, r, outcome)));
  for (const b of budgets) {
    const slot = await reserve(ctx, b.rule, b.subject);
    if (!slot.reserved) {
      await settleAll("refund");
      throw await ipRefused(ctx, slot.state.retryAfterSeconds);
    }
    reservations.push(slot.reservation);
  }
  const [account, user] = await Promise.all([reserveAttempt(ctx, key), loadUser(ctx, email)]);
  if (!("slot" in account)) {
    await settleAll("refund");
    throw await accountLocked(ctx, email, key, device, account.retryAfterSeconds);
  }

  const unverified = user ? null : await newestUnverifiedSignup(ctx, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? unverified?.passwordHash ?? (await dummyHash(ctx.config.BCRYPT_ROUNDS)));
  if (!user && unverified && ok) {
    // the identity behind the signup is proven, not the address: no session, and no failure counted
    await settleAll("refund");
    await clearAttempts(ctx.db, key, ctx.clock.now());
    await auditLoginFailure(ctx, email, null, "email_unverified");
    throw new AppError("email_unverified", "Confirm your email address first: open the link in the mail we sent, or type its code. You can ask for the mail again.", { email });
  }
  if (!user || !ok) {
    await settleAll("failed");
    await countFailure(ctx, email, user?.id ?? null, account.slot, device);
    throw invalidCredentials();
  }
  await settleAll("refund");
  // AUTH_PASSWORDS=students-off: a student's password opens nothing (decided after the check, so
  // the answer does not tell a guesser which addresses are students'); staff keep theirs
  if (ctx.config.AUTH_PASSWORDS === "students-off" && user.role === "student") {
    await clearAttempts(ctx.db, key, ctx.clock.now());
    await auditLoginFailure(ctx, email, user.id, "passwords_off");
    throw passwordsOff();
  }
  return completeSignIn(ctx, user, kind, { method: "password", trustedDevice: device });
}

/** POST /api/auth/login: the seed's response shape, plus this client's trusted-device token. */
export async function login(ctx: Ctx, input: LoginInput) {
  return presentApiSignIn(await authenticateCredentials(ctx, input, "api", input.device_token ? [input.device_token] : []));
}

/** A checked, wrong attempt (unknown email or wrong password): audit it, and lock when it was the last allowed. */
async function countFailure(ctx: Ctx, email: string, userId: string | null, slot: Slot, device: TrustedDevice | null) {
  const lock = await recordFailedAttempt(ctx, slot);
  const trusted = device !== null;
  await auditLoginFailure(ctx, email, userId, userId ? "wrong_password" : "unknown_email", { failed_attempts: slot.failures, trusted_device: trusted });
  if (!lock) return;
  await recordAudit(ctx.db, ctx, {
    action: "login_locked",
    targetType: "user",
    targetId: userId,
    details: { email, trusted_device: trusted, lock_level: lock.level, locked_until: lock.lockedUntil.toISOString(), lock_seconds: lock.lockSeconds },
  });
}
