// The one step every sign-in method ends with, once the user has proved who they are (a
// password today, a passkey tomorrow): forget the failed attempts of the channel it came
// through (lib/auth/lockout.ts), refuse accounts that may not sign in (only now is it safe to
// say why), open the session (a next-auth browser session or an API token pair), trust the
// device (a fresh trusted-device token) and audit `login_ok` — the same for every method.
import { effectiveApprovalStatus } from "../accounts/approval-expiry";
import { expireOverdueRequests } from "../accounts/expire-overdue";
import { presentUser } from "../accounts/present";
import { signStatusToken } from "../accounts/status-token";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, handOver } from "../errors";
import { newDeviceTokenId, signDeviceToken, type TrustedDevice } from "./device-token";
import { clearAttempts, throttleKey } from "./lockout";
import { auditLoginFailure } from "./login-audit";
import { createSession, newSessionId, prepareTokenPair, storeRefreshToken, type TokenPair } from "./sessions";

/** "api": a token pair for bearer clients; "web": a session row for next-auth's cookie. */
export type SignInKind = "api" | "web";
export type SignInMethod = "password" | "passkey" | "email" | "oidc";

const signInUserQuery = { include: { approvalRequests: { orderBy: { requestedAt: "desc" as const }, take: 1 } } };

/** The user row a sign-in needs (with the latest approval request, to explain a refusal). */
export async function findSignInUser(ctx: Ctx, where: { email: string } | { id: string }) {
  return ctx.db.user.findUnique({ where, ...signInUserQuery });
}
export type SignInUser = NonNullable<Awaited<ReturnType<typeof findSignInUser>>>;

export interface SignInResult {
  user: SignInUser;
  sessionId: string;
  /** the token pair, for kind "api"; null for "web" (next-auth writes its own cookie) */
  tokens: TokenPair | null;
  /**
   * This client's trusted-device token for the account (lib/auth/device-token.ts): the API
   * returns it as `device_token`; browsers keep it in the rc_trust cookie (lib/auth/next-auth.ts).
   */
  deviceToken: string;
}

export interface SignInOptions {
  method: SignInMethod;
  /** the trusted device the attempt came through (its token verified), if any */
  trustedDevice?: TrustedDevice | null;
  /**
   * The sign-in itself was a fresh proof of presence (single sign-on with the provider's
   * auth_time just now): the new session starts stepped up at that time (lib/auth/require-step-up.ts).
   */
  steppedUpAt?: Date | null;
}

/**
 * Turn "this user proved who they are" into a session. Throws `account_pending`,
 * `account_rejected`, `account_expired` or `account_deactivated` (audited as `login_failed`)
 * when the account may not sign in.
 */
export async function completeSignIn(ctx: Ctx, user: SignInUser, kind: SignInKind, { method, trustedDevice = null, steppedUpAt = null }: SignInOptions): Promise<SignInResult> {
  const now = ctx.clock.now();
  // The identity is proven: the channel's failed attempts are forgotten even if the account
  // cannot sign in (a pending student retrying the right password must not lock themselves out).
  const channel = throttleKey(user.email, trustedDevice);
  await refuseInactive(ctx, user, now, channel);

  // Tokens are signed before the transaction: nothing asynchronous but SQL runs inside it.
  const sessionId = newSessionId(ctx);
  const prepared = kind === "api" ? await prepareTokenPair(ctx, user, sessionId) : null;
  const deviceToken = signDeviceToken(user.email, trustedDevice?.id ?? newDeviceTokenId(ctx.random), now, ctx.config.SECRET_KEY);
  return ctx.db.$transaction(async (tx) => {
    await clearAttempts(tx, channel, now);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    const session = await createSession(ctx, tx, user, kind, sessionId);
    if (steppedUpAt) await tx.authSession.update({ where: { id: session.id }, data: { steppedUpAt } });
    const tokens = prepared ? await storeRefreshToken(tx, session.id, prepared) : null;
    await recordAudit(tx, ctx, {
      action: "login_ok",
      actorId: user.id,
      targetType: "user",
      targetId: user.id,
      details: { kind, method, session_id: session.id, trusted_device: trustedDevice !== null, ...(steppedUpAt && { stepped_up: true }) },
    });
    return { user, sessionId: session.id, tokens, deviceToken };
  });
}

/** The seed's `POST /api/auth/login` response for an "api" sign-in: the token pair and the user. */
export function presentApiSignIn({ user, tokens, deviceToken }: SignInResult) {
  if (!tokens) throw new Error("presentApiSignIn needs an api sign-in");
  return { ...tokens, user: presentUser({ ...user, status: "active" }), device_token: deviceToken };
}

/** Identity proven, but the account cannot sign in: now it is safe to say why. */
async function refuseInactive(ctx: Ctx, user: SignInUser, now: Date, channel: string) {
  let status = user.status;
  const latest = user.approvalRequests[0];
  if (status === "pending" && (!latest || effectiveApprovalStatus(latest, now) === "expired")) {
    await expireOverdueRequests(ctx, ctx.db, user.id);
    status = "expired";
  }
  if (status === "active") return;
  await clearAttempts(ctx.db, channel, now);
  await auditLoginFailure(ctx, user.email, user.id, `account_${status}`);
  switch (status) {
    case "pending":
      // the right password was given: the status token of the owner's own request is handed over (lib/errors.ts)
      throw handOver(new AppError("account_pending", "Your account is waiting for an administrator's approval.", { expires_at: latest!.expiresAt.toISOString() }), {
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
