// DESIGN.md section 2: password login for the API (a token pair) and the browser (a web
// session for next-auth). Unknown emails cost a dummy bcrypt compare; the account's status
// (pending, rejected, expired, deactivated) is only revealed after the correct password.
// Failed attempts count per client IP (429 + Retry-After) and per account (exponential
// back-off); every failure is audited with IP and user agent.
import { effectiveApprovalStatus } from "../accounts/approval-expiry";
import { expireOverdueRequests } from "../accounts/expire-overdue";
import { LOGIN_FAILURES_PER_IP } from "../accounts/limits";
import { normalizeEmail } from "../accounts/normalize-email";
import { presentUser } from "../accounts/present";
import type { LoginInput } from "../accounts/schemas";
import { signStatusToken } from "../accounts/status-token";
import { recordAudit } from "../audit/record";
import { noteFailedLogin } from "../audit/suspicious";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { hit, rateLimited, refund } from "../rate-limit/limit";
import { lockSecondsAfter } from "./backoff";
import { dummyHash, verifyPassword } from "./password";
import { createSession, newSessionId, prepareTokenPair, storeRefreshToken } from "./sessions";

type LoginKind = "api" | "web";

const invalidCredentials = () => new AppError("invalid_credentials", "The email or password is wrong.");

async function loadUser(ctx: Ctx, email: string) {
  return ctx.db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
    include: { approvalRequests: { orderBy: { requestedAt: "desc" }, take: 1 } },
  });
}
type LoadedUser = NonNullable<Awaited<ReturnType<typeof loadUser>>>;

async function auditFailure(ctx: Ctx, email: string, user: LoadedUser | null, reason: string, extra: Record<string, unknown> = {}) {
  await ctx.db.$transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: "login_failed",
      actorId: user?.id ?? null,
      targetType: "user",
      targetId: user?.id ?? null,
      details: { email, reason, ...extra },
    });
    // Admins hear about a burst of failures from one IP once an hour (lib/audit/suspicious.ts).
    await noteFailedLogin(tx, ctx, ctx.ip);
  });
}

/** Verify credentials and open a session; throws AppErrors for every refusal. */
export async function authenticateCredentials(ctx: Ctx, input: LoginInput, kind: LoginKind) {
  const email = normalizeEmail(input.email);
  const now = ctx.clock.now();

  // Reserve a failure slot BEFORE the (slow) password check, atomically: concurrent guesses
  // cannot all slip past a read-only check while their bcrypt jobs wait in the queue.
  // A correct password hands the slot back below.
  const [ipState, user] = await Promise.all([hit(ctx, LOGIN_FAILURES_PER_IP, ctx.ip), loadUser(ctx, email)]);
  if (ipState.limited) {
    await auditFailure(ctx, email, null, "ip_rate_limited");
    throw rateLimited(ipState, `Too many failed logins from your network; try again in ${ipState.retryAfterSeconds} seconds.`);
  }

  if (user?.lockedUntil && user.lockedUntil > now) {
    const retry = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
    await auditFailure(ctx, email, user, "account_locked", { locked_until: user.lockedUntil.toISOString() });
    throw new AppError("account_locked", `Too many failed attempts for this account; try again in ${retry} seconds.`, { retry_after_seconds: retry }, { "Retry-After": String(retry) });
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash(ctx.config.BCRYPT_ROUNDS)));
  if (!user || !ok) {
    if (user) await countAccountFailure(ctx, user, email);
    else await auditFailure(ctx, email, null, "unknown_email");
    throw invalidCredentials();
  }

  await refund(ctx, LOGIN_FAILURES_PER_IP, ctx.ip);
  await refuseInactive(ctx, user, email, now);

  // Tokens are signed before the transaction: nothing asynchronous but SQL runs inside it.
  const sessionId = newSessionId(ctx);
  const prepared = kind === "api" ? await prepareTokenPair(ctx, user, sessionId) : null;
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    const session = await createSession(ctx, tx, user, kind, sessionId);
    const tokens = prepared ? await storeRefreshToken(tx, session.id, prepared) : null;
    await recordAudit(tx, ctx, { action: "login_ok", actorId: user.id, targetType: "user", targetId: user.id, details: { kind, session_id: session.id } });
    return { user, sessionId: session.id, tokens };
  });
}

/** POST /api/auth/login: the seed's response shape. */
export async function login(ctx: Ctx, input: LoginInput) {
  const { user, tokens } = await authenticateCredentials(ctx, input, "api");
  return { ...tokens!, user: presentUser({ ...user, status: "active" }) };
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
  await auditFailure(ctx, email, user, "wrong_password", { failed_login_count: failedLoginCount });
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

/** Correct password, but the account cannot log in: now it is safe to say why. */
async function refuseInactive(ctx: Ctx, user: LoadedUser, email: string, now: Date) {
  let status = user.status;
  const latest = user.approvalRequests[0];
  if (status === "pending" && (!latest || effectiveApprovalStatus(latest, now) === "expired")) {
    await expireOverdueRequests(ctx, ctx.db, user.id);
    status = "expired";
  }
  if (status === "active") return;
  await auditFailure(ctx, email, user, `account_${status}`);
  switch (status) {
    case "pending":
      throw new AppError("account_pending", "Your account is waiting for an administrator's approval.", {
        expires_at: latest!.expiresAt.toISOString(),
        status_token: signStatusToken(latest!.id, ctx.config.SECRET_KEY),
      });
    case "rejected":
      throw new AppError("account_rejected", "Your signup was not approved. You can sign up again to send a new request.", {
        reason: latest?.reason ?? null,
      });
    case "expired":
      throw new AppError("account_expired", "Your signup expired before an administrator approved it. Sign up again to send a new request.");
    case "deactivated":
      throw new AppError("account_deactivated", "This account has been deactivated. Contact an administrator.");
  }
}
