// docs/design.md#sign-in-and-tokens: refresh rotates. Each refresh token is spent once (a conditional update)
// and yields the next pair in the same session; presenting a spent token means it was copied,
// so the whole session (the token family) is revoked and the reuse is audited.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { prepareTokenPair, revokeSession, storeRefreshToken } from "./sessions";
import { hashToken } from "./tokens";

const invalid = () => new AppError("refresh_token_invalid", "The refresh token is not valid; log in again.");

export async function refreshTokens(ctx: Ctx, refreshToken: string) {
  const now = ctx.clock.now();
  const found = await ctx.db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    include: { session: { include: { user: { select: { id: true, role: true, status: true } } } } },
  });
  if (!found) throw invalid();
  const { session } = found;
  // Signed before the transaction (see prepareTokenPair); wasted only if the token was spent.
  const prepared = found.usedAt === null ? await prepareTokenPair(ctx, session.user, session.id) : null;

  const outcome = await ctx.db.$transaction(async (tx) => {
    if (found.usedAt === null && found.expiresAt > now) {
      const spent = await tx.refreshToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
      if (spent.count === 1) {
        if (session.revokedAt || session.expiresAt <= now) return { kind: "ended" as const };
        if (session.user.status !== "active") return { kind: "inactive" as const };
        await tx.authSession.update({ where: { id: session.id }, data: { lastUsedAt: now } });
        const pair = await storeRefreshToken(tx, session.id, prepared!);
        await recordAudit(tx, ctx, { action: "token_refreshed", actorId: session.userId, targetType: "auth_session", targetId: session.id });
        return { kind: "ok" as const, pair };
      }
    } else if (found.usedAt === null) {
      return { kind: "expired" as const };
    }
    // Spent already (now or by a concurrent request): theft detection.
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
