// Password login for the API (a token pair) and the browser (a web session for next-auth).
// Unknown emails cost a dummy bcrypt compare; the account's status
// (pending, rejected, expired, deactivated) is only revealed after the correct password.
// Failed attempts count per client IP (429 + Retry-After) and per account (exponential
// back-off); every failure is audited with IP and user agent. A correct password ends in
// completeSignIn (lib/auth/complete-sign-in.ts), as every sign-in method does.
import { LOGIN_FAILURES_PER_IP } from "../accounts/limits";
import { normalizeEmail } from "../accounts/normalize-email";
import type { LoginInput } from "../accounts/schemas";
import { recordAudit } from "../audit/record";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { hit, rateLimited, refund } from "../rate-limit/limit";
import { lockSecondsAfter } from "./backoff";
import { completeSignIn, presentApiSignIn, type SignInKind, type SignInResult } from "./complete-sign-in";
import { auditLoginFailure } from "./login-audit";
import { dummyHash, verifyPassword } from "./password";

const invalidCredentials = () => new AppError("invalid_credentials", "The email or password is wrong.");

async function loadUser(ctx: Ctx, email: string) {
  return ctx.db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
    include: { approvalRequests: { orderBy: { requestedAt: "desc" }, take: 1 } },
  });
}
type LoadedUser = NonNullable<Awaited<ReturnType<typeof loadUser>>>;

/** Verify credentials and open a session; throws AppErrors for every refusal. */
export async function authenticateCredentials(ctx: Ctx, input: LoginInput, kind: SignInKind): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const now = ctx.clock.now();

  // Reserve a failure slot BEFORE the (slow) password check, atomically: concurrent guesses
  // cannot all slip past a read-only check while their bcrypt jobs wait in the queue.
  // A correct password hands the slot back below.
  const [ipState, user] = await Promise.all([hit(ctx, LOGIN_FAILURES_PER_IP, ctx.ip), loadUser(ctx, email)]);
  if (ipState.limited) {
    await auditLoginFailure(ctx, email, null, "ip_rate_limited");
    throw rateLimited(ipState, `Too many failed logins from your network; try again in ${ipState.retryAfterSeconds} seconds.`);
  }

  if (user?.lockedUntil && user.lockedUntil > now) {
    const retry = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
    await auditLoginFailure(ctx, email, user.id, "account_locked", { locked_until: user.lockedUntil.toISOString() });
    throw new AppError("account_locked", `Too many failed attempts for this account; try again in ${retry} seconds.`, { retry_after_seconds: retry }, { "Retry-After": String(retry) });
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash(ctx.config.BCRYPT_ROUNDS)));
  if (!user || !ok) {
    if (user) await countAccountFailure(ctx, user, email);
    else await auditLoginFailure(ctx, email, null, "unknown_email");
    throw invalidCredentials();
  }

  await refund(ctx, LOGIN_FAILURES_PER_IP, ctx.ip);
  return completeSignIn(ctx, user, kind, { method: "password" });
}

/** POST /api/auth/login: the seed's response shape. */
export async function login(ctx: Ctx, input: LoginInput) {
  return presentApiSignIn(await authenticateCredentials(ctx, input, "api"));
}

/** A wrong password for a known account: count it and lock with exponential back-off. */
async function countAccountFailure(ctx: Ctx, user: LoadedUser, email: string) {
  const now = ctx.clock.now();
  const { failedLoginCount } = await ctx.db.user.update({
    where: { id: user.id },
    data: { failedLoginCount: { increment: 1 } },
    select: { failedLoginCount: true },
  });
  const lockSeconds = lockSecondsAfter(failedLoginCount);
  await auditLoginFailure(ctx, email, user.id, "wrong_password", { failed_login_count: failedLoginCount });
  if (lockSeconds > 0) {
    const lockedUntil = addSeconds(now, lockSeconds);
    await ctx.db.user.update({ where: { id: user.id }, data: { lockedUntil } });
    await recordAudit(ctx.db, ctx, {
      action: "login_locked",
      actorId: null,
      targetType: "user",
      targetId: user.id,
      details: { email, failed_login_count: failedLoginCount, locked_until: lockedUntil.toISOString(), lock_seconds: lockSeconds },
    });
  }
}
