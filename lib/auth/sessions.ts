// Auth sessions and their refresh-token families. A login creates a session and its first
// refresh token; every refresh spends one token and issues the next in the same family.
import { addDays } from "../clock";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { hashToken, newRefreshToken, signAccessToken } from "./tokens";
import type { Role } from "./policy";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

export interface SessionUser {
  id: string;
  role: Role;
}

export interface PreparedTokens {
  pair: TokenPair;
  refreshRow: { tokenHash: string; createdAt: Date; expiresAt: Date };
}

/**
 * Sign the access token and draw the refresh token for `sessionId` — OUTSIDE any transaction:
 * JWT signing is asynchronous (it runs in libuv's thread pool), and awaiting it inside a
 * transaction would hold SQLite's single connection while the pool is busy with bcrypt.
 */
export async function prepareTokenPair(ctx: Ctx, user: SessionUser, sessionId: string, refresh = newRefreshToken(ctx.random)): Promise<PreparedTokens> {
  const now = ctx.clock.now();
  const { token, expiresIn } = await signAccessToken(
    { userId: user.id, role: user.role, sessionId, jti: ctx.random.bytes(12).toString("base64url") },
    ctx.config.SECRET_KEY,
    now,
    ctx.config.ACCESS_TOKEN_EXPIRE_MINUTES,
  );
  return {
    pair: { access_token: token, refresh_token: refresh, token_type: "bearer", expires_in: expiresIn },
    refreshRow: { tokenHash: hashToken(refresh), createdAt: now, expiresAt: addDays(now, ctx.config.REFRESH_TOKEN_EXPIRE_DAYS) },
  };
}

/** Store a prepared refresh token (inside the caller's transaction). */
export async function storeRefreshToken(db: DbOrTx, sessionId: string, prepared: PreparedTokens): Promise<TokenPair> {
  await db.refreshToken.create({ data: { sessionId, ...prepared.refreshRow } });
  return prepared.pair;
}

/** Prepare and store in one go, for callers outside a transaction (scripts, tests). */
export async function issueTokenPair(ctx: Ctx, db: DbOrTx, user: SessionUser, sessionId: string): Promise<TokenPair> {
  return storeRefreshToken(db, sessionId, await prepareTokenPair(ctx, user, sessionId));
}

/** An auth session id drawn up front, so tokens can be signed before the session row is written. */
export function newSessionId(ctx: Pick<Ctx, "random">): string {
  return ctx.random.bytes(16).toString("hex");
}

/** Open a session for an authenticated user (password already verified by the caller). */
export async function createSession(ctx: Ctx, db: DbOrTx, user: SessionUser, kind: "api" | "web" = "api", id = newSessionId(ctx)) {
  const now = ctx.clock.now();
  return db.authSession.create({
    data: {
      id,
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
