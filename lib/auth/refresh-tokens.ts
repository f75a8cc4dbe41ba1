// Refresh rotation (docs/authentication.md, "Refresh tokens"). Each refresh token is spent once
// (a conditional update) and yields the next pair in the same session. The next refresh token is
// not random but HMAC(SECRET_KEY, spent token) (lib/auth/tokens.ts), and only its hash is stored:
// when two tabs refresh with the same token at once, the one that finds it spent within the last
// REFRESH_GRACE_SECONDS recomputes the successor and gets the same one, so both tabs keep the
// session. A token spent longer ago was copied: the whole session (the token family) is revoked
// and the reuse is audited. A session may be issued at most REFRESHES_PER_SESSION.max refresh
// tokens per window (counted from its stored tokens: a read, no write).
import { recordAudit } from "../audit/record";
import { noteRefusal } from "../audit/refusals";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { rateLimited } from "../rate-limit/limit";
import { prepareTokenPair, revokeSession, storeRefreshToken } from "./sessions";
import { hashToken, successorRefreshToken } from "./tokens";

export const REFRESH_GRACE_SECONDS = 10;
export const REFRESHES_PER_SESSION = { max: 20, windowSeconds: 10 * 60 };
/** how far a late tab may follow the chain of successors spent within the grace period */
const MAX_GRACE_STEPS = 5;

const invalid = () => new AppError("refresh_token_invalid", "The refresh token is not valid; log in again.");

/** Refuse a session that was issued too many refresh tokens lately (one read; refusals are tallied). */
async function limitRefreshes(ctx: Ctx, sessionId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - REFRESHES_PER_SESSION.windowSeconds * 1000);
  const recent = await ctx.db.refreshToken.aggregate({ where: { sessionId, createdAt: { gt: since } }, _count: { _all: true }, _min: { createdAt: true } });
  if (recent._count._all < REFRESHES_PER_SESSION.max) return;
  const freeAt = (recent._min.createdAt ?? now).getTime() + REFRESHES_PER_SESSION.windowSeconds * 1000;
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  await noteRefusal(ctx, { action: "refresh_refused", subject: `session:${sessionId}`, targetType: "auth_session", targetId: sessionId, details: { reason: "rate_limited" } });
  throw rateLimited({ retryAfterSeconds }, `Too many token refreshes for this session; try again in ${retryAfterSeconds} seconds.`);
}

const withinGrace = (usedAt: Date | null | undefined, now: Date) => !!usedAt && now.getTime() - usedAt.getTime() <= REFRESH_GRACE_SECONDS * 1000;

/**
 * The live successor of a token spent within the grace period: follow successors that were
 * themselves spent within it (a third tab, a quick second refresh). Null when the chain ends
 * in a token spent earlier, or in none.
 */
async function graceSuccessor(tx: Tx, sessionId: string, spent: string, secret: string, now: Date): Promise<string | null> {
  let token = spent;
  for (let step = 0; step < MAX_GRACE_STEPS; step++) {
    token = successorRefreshToken(token, secret);
    const row = await tx.refreshToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { sessionId: true, usedAt: true, expiresAt: true } });
    if (!row || row.sessionId !== sessionId || row.expiresAt <= now) return null;
    if (row.usedAt === null) return token;
    if (!withinGrace(row.usedAt, now)) return null;
  }
  return null;
}

export async function refreshTokens(ctx: Ctx, refreshToken: string) {
  const now = ctx.clock.now();
  const found = await ctx.db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    include: { session: { include: { user: { select: { id: true, role: true, status: true } } } } },
  });
  if (!found) throw invalid();
  const { session } = found;
  await limitRefreshes(ctx, session.id, now);
  const secret = ctx.config.SECRET_KEY;
  // Signed before the transaction (see prepareTokenPair); wasted only if the token was copied.
  const prepared = await prepareTokenPair(ctx, session.user, session.id, successorRefreshToken(refreshToken, secret));

  const outcome = await ctx.db.$transaction(async (tx) => {
    if (found.usedAt === null && found.expiresAt <= now) return { kind: "expired" as const };
    let usedAt = found.usedAt;
    if (usedAt === null) {
      const spent = await tx.refreshToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
      if (spent.count === 1) {
        if (session.revokedAt || session.expiresAt <= now) return { kind: "ended" as const };
        if (session.user.status !== "active") return { kind: "inactive" as const };
        await tx.authSession.update({ where: { id: session.id }, data: { lastUsedAt: now } });
        const pair = await storeRefreshToken(tx, session.id, prepared);
        await recordAudit(tx, ctx, { action: "token_refreshed", actorId: session.userId, targetType: "auth_session", targetId: session.id });
        return { kind: "ok" as const, pair };
      }
      // spent by a concurrent request, which has committed by now
      usedAt = (await tx.refreshToken.findUnique({ where: { id: found.id }, select: { usedAt: true } }))?.usedAt ?? null;
    }
    if (withinGrace(usedAt, now)) {
      // Two tabs refreshing at once: the same successor, not a theft alarm. Reads only.
      const current = await tx.authSession.findUnique({ where: { id: session.id }, select: { revokedAt: true, expiresAt: true } });
      if (!current || current.revokedAt || current.expiresAt <= now) return { kind: "ended" as const };
      if (session.user.status !== "active") return { kind: "inactive" as const };
      const successor = await graceSuccessor(tx, session.id, refreshToken, secret, now);
      if (successor) return { kind: "ok" as const, pair: { ...prepared.pair, refresh_token: successor } };
    }
    // Spent earlier than the grace period allows: the token was copied. Theft detection.
    const revoked = await revokeSession(ctx, tx, session.id, "refresh_reuse");
    await recordAudit(tx, ctx, {
      action: "refresh_reuse",
      actorId: session.userId,
      targetType: "auth_session",
      targetId: session.id,
      details: { refresh_token_id: found.id, session_revoked: revoked },
    });
    return { kind: "reused" as const };
  });

  switch (outcome.kind) {
    case "ok":
      return outcome.pair;
    case "reused":
      throw new AppError("refresh_token_reused", "This refresh token was already used; the session has been ended for your safety. Log in again.");
    case "expired":
      throw invalid();
    case "ended":
      throw new AppError("session_revoked", "Your session has ended; log in again.");
    case "inactive":
      throw new AppError("account_deactivated", "This account is not active.");
  }
}
