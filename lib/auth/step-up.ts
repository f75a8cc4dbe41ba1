// POST /api/auth/step-up: prove presence again (a passkey of yours from an earlier session, or
// your password) and stamp the current session, so sensitive actions are allowed for the next
// 5 minutes (lib/auth/require-step-up.ts). Failures count per user (5 per 15 minutes, reserved
// before the check and handed back on success, like login: lib/rate-limit/failure-budget.ts) and
// are audited. A password proof is also a password guess: it goes through the account's lockout
// exactly like a login from an untrusted client (lib/auth/lockout.ts): refused while the account
// is locked, its slot reserved before the compare, a wrong one counted (and locking on the last
// allowed), a right one clearing the streak.
import { normalizeEmail } from "../accounts/normalize-email";
import { recordAudit } from "../audit/record";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError, isAppError } from "../errors";
import { verifyPasskeyAssertion } from "../passkeys/verify-assertion";
import { relyingParty } from "../passkeys/relying-party";
import { withinFailureBudget } from "../rate-limit/failure-budget";
import { rateLimited, type LimitRule } from "../rate-limit/limit";
import type { AuthUser } from "./authenticate";
import { clearAttempts, lockRefusal, readThrottle, recordFailedAttempt, reserveAttempt, throttleKey } from "./lockout";
import { verifyPassword } from "./password";
import { STEP_UP_MAX_AGE_SECONDS } from "./require-step-up";
import type { StepUpBody } from "./step-up-schemas";

export const STEP_UP_FAILURES_PER_USER: LimitRule = { name: "step_up_fail_user", max: 5, windowSeconds: 15 * 60 };

const accountLocked = (retry: number) =>
  new AppError("account_locked", `Too many failed attempts for this account; try again in ${retry} seconds.`, { retry_after_seconds: retry }, { "Retry-After": String(retry) });

async function provePassword(ctx: Ctx, user: AuthUser, password: string): Promise<Record<string, unknown>> {
  const email = normalizeEmail(user.email);
  const key = throttleKey(email, null);
  const account = await reserveAttempt(ctx, key);
  if (!("slot" in account)) throw accountLocked(account.retryAfterSeconds);
  const row = await ctx.db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row || !(await verifyPassword(password, row.passwordHash))) {
    const lock = await recordFailedAttempt(ctx, account.slot);
    if (lock) {
      await recordAudit(ctx.db, ctx, {
        action: "login_locked",
        actorId: user.id,
        targetType: "user",
        targetId: user.id,
        details: { email, via: "step_up", trusted_device: false, lock_level: lock.level, locked_until: lock.lockedUntil.toISOString(), lock_seconds: lock.lockSeconds },
      });
    }
    throw new AppError("invalid_credentials", "That password is wrong.");
  }
  await clearAttempts(ctx.db, key, ctx.clock.now());
  return {};
}

async function prove(ctx: Ctx, user: AuthUser, body: StepUpBody): Promise<Record<string, unknown>> {
  if (body.method === "passkey") {
    const passkey = await verifyPasskeyAssertion(ctx, relyingParty(ctx.config), body.response, {
      ceremony: "step_up",
      owner: { userId: user.id, sessionId: user.sessionId },
    });
    return { passkey_id: passkey.id };
  }
  return provePassword(ctx, user, body.password);
}

export async function stepUp(ctx: Ctx, user: AuthUser, body: StepUpBody) {
  if (body.method === "password") {
    // a locked account is refused by a read, before any budget is spent
    const wait = lockRefusal(await readThrottle(ctx, throttleKey(normalizeEmail(user.email), null)), ctx.clock.now());
    if (wait !== null) throw accountLocked(wait);
  }
  const refused = async (retryAfterSeconds: number) => rateLimited({ retryAfterSeconds }, `Too many failed confirmations; try again in ${retryAfterSeconds} seconds.`);
  const proof = await withinFailureBudget(ctx, STEP_UP_FAILURES_PER_USER, user.id, refused, async () => {
    try {
      return await prove(ctx, user, body);
    } catch (error) {
      if (isAppError(error)) {
        await recordAudit(ctx.db, ctx, { action: "step_up_failed", actorId: user.id, targetType: "auth_session", targetId: user.sessionId, details: { method: body.method, reason: error.code } });
      }
      throw error;
    }
  });
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({ where: { id: user.sessionId, revokedAt: null }, data: { steppedUpAt: now } });
    if (count !== 1) throw new AppError("session_revoked", "Your session has ended; log in again.");
    await recordAudit(tx, ctx, { action: "step_up_ok", actorId: user.id, targetType: "auth_session", targetId: user.sessionId, details: { method: body.method, ...proof } });
  });
  return { stepped_up_at: now.toISOString(), valid_until: addSeconds(now, STEP_UP_MAX_AGE_SECONDS).toISOString() };
}
