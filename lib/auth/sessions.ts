// Auth sessions and their refresh-token families. A login creates a session and its first
// refresh token; every refresh spends one token and issues the next in the same family.
import { addDays } from "../clock";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { hashToken, newRefreshToken, signAccessToken } from "./tokens";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

export interface SessionUser {
  id: string;
  role: "student" | "admin";
}

/** Issue a new refresh token for `sessionId` (stored hashed) and an access token for it. */
export async function issueTokenPair(ctx: Ctx, db: DbOrTx, user: SessionUser, sessionId: string): Promise<TokenPair> {
  const now = ctx.clock.now();
  const refresh = newRefreshToken(ctx.random);
  await db.refreshToken.create({
    data: { sessionId, tokenHash: hashToken(refresh), createdAt: now, expiresAt: addDays(now, ctx.config.REFRESH_TOKEN_EXPIRE_DAYS) },
  });
  const { token, expiresIn } = await signAccessToken(
    { userId: user.id, role: user.role, sessionId, jti: ctx.random.bytes(12).toString("base64url") },
    ctx.config.SECRET_KEY,
    now,
    ctx.config.ACCESS_TOKEN_EXPIRE_MINUTES,
  );
  return { access_token: token, refresh_token: refresh, token_type: "bearer", expires_in: expiresIn };
}

/** Open a session for an authenticated user (password already verified by the caller). */
export async function createSession(ctx: Ctx, db: DbOrTx, user: SessionUser, kind: "api" | "web" = "api") {
  const now = ctx.clock.now();
  return db.authSession.create({
    data: {
      userId: user.id,
      kind,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: addDays(now, ctx.config.REFRESH_TOKEN_EXPIRE_DAYS),
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
    },
    select: { id: true },
  });
}

/** Revoke one session (logout, or a reused refresh token's family). */
export async function revokeSession(ctx: Ctx, db: DbOrTx, sessionId: string, reason: string): Promise<boolean> {
  const { count } = await db.authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: ctx.clock.now(), revokedReason: reason },
  });
  return count === 1;
}

/** Revoke every live session of a user (deactivation, role change, "revoke sessions"). */
export async function revokeUserSessions(ctx: Ctx, db: DbOrTx, userId: string, reason: string): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: ctx.clock.now(), revokedReason: reason },
  });
  return count;
}
