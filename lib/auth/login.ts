// Password login for the API (a token pair) and the browser (a web session for next-auth);
// the design is in docs/authentication.md. In order:
// 1. Refusals that need no password check are decided by reads alone and audited in aggregate
//    (lib/audit/refusals.ts): the address's failure budget (lib/rate-limit/reserve.ts), then the
//    account's lockout (lib/auth/lockout.ts), keyed by the normalised email — or, for a client
//    presenting this account's trusted-device token, by that device alone.
// 2. Both limits are RESERVED before the bcrypt compare, so parallel guesses cannot slip past.
// 3. Unknown emails cost a dummy compare and count against their own key, exactly like a wrong
//    password. A failure keeps its slots and is audited (login_failed); a correct password gives
//    the address's slot back and ends in completeSignIn, as every sign-in method does.
import { LOGIN_FAILURES_PER_IP } from "../accounts/limits";
import { normalizeEmail } from "../accounts/normalize-email";
import type { LoginInput } from "../accounts/schemas";
import { recordAudit } from "../audit/record";
import { noteRefusal } from "../audit/refusals";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { rateLimited } from "../rate-limit/limit";
import { peekFailures, reserve, settle } from "../rate-limit/reserve";
import { completeSignIn, presentApiSignIn, type SignInKind, type SignInResult } from "./complete-sign-in";
import { trustedDeviceFor, type TrustedDevice } from "./device-token";
import { lockRefusal, readThrottle, recordFailedAttempt, reserveAttempt, throttleKey, type Slot } from "./lockout";
import { auditLoginFailure } from "./login-audit";
import { dummyHash, verifyPassword } from "./password";

const invalidCredentials = () => new AppError("invalid_credentials", "The email or password is wrong.");

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
 * Verify credentials and open a session; throws AppErrors for every refusal. `deviceTokens`:
 * the trusted-device tokens the client presented (the API body's device_token, the browser's
 * rc_trust cookie).
 */
export async function authenticateCredentials(ctx: Ctx, input: LoginInput, kind: SignInKind, deviceTokens: readonly string[] = []): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const device = trustedDeviceFor(deviceTokens, email, ctx.config.SECRET_KEY, ctx.clock.now());
  const key = throttleKey(email, device);

  const ipSeen = await peekFailures(ctx, LOGIN_FAILURES_PER_IP, ctx.ip);
  if (ipSeen.limited) throw await ipRefused(ctx, ipSeen.retryAfterSeconds);
  const lockSeen = lockRefusal(await readThrottle(ctx, key), ctx.clock.now());
  if (lockSeen !== null) throw await accountLocked(ctx, email, key, device, lockSeen);

  const ip = await reserve(ctx, LOGIN_FAILURES_PER_IP, ctx.ip);
  if (!ip.reserved) throw await ipRefused(ctx, ip.state.retryAfterSeconds);
  const [account, user] = await Promise.all([reserveAttempt(ctx, key), loadUser(ctx, email)]);
  if (!("slot" in account)) {
    await settle(ctx, ip.reservation, "refund"); // not checked, so not a failure of this address
    throw await accountLocked(ctx, email, key, device, account.retryAfterSeconds);
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash(ctx.config.BCRYPT_ROUNDS)));
  if (!user || !ok) {
    await settle(ctx, ip.reservation, "failed");
    await countFailure(ctx, email, user?.id ?? null, account.slot, device);
    throw invalidCredentials();
  }
  await settle(ctx, ip.reservation, "refund");
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
