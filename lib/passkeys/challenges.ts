// WebAuthn challenges: 256 random bits, stored in the database (any app instance can finish a
// ceremony another one started), valid for two minutes and spent exactly once. Spending is one
// conditional update, so of two requests racing with the same challenge (a replayed assertion)
// exactly one gets past this point.
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError } from "../errors";

export const CHALLENGE_TTL_SECONDS = 120;
/** Expired rows are deleted now and then; keep them a while for the "expired" vs "unknown" answer. */
const PURGE_AFTER_SECONDS = 60 * 60;
const PURGE_ONE_IN = 50;

export type CeremonyKind = "registration" | "authentication" | "step_up";

export interface ChallengeOwner {
  /** registration and step-up: the signed-in user */
  userId?: string;
  /** step-up: the session the proof is for */
  sessionId?: string;
}

/** Draw, store and return a new challenge (base64url). */
export async function issueChallenge(ctx: Ctx, ceremony: CeremonyKind, owner: ChallengeOwner = {}): Promise<string> {
  const now = ctx.clock.now();
  const challenge = ctx.random.bytes(32).toString("base64url");
  await ctx.db.webauthnChallenge.create({
    data: {
      challenge,
      ceremony,
      userId: owner.userId ?? null,
      sessionId: owner.sessionId ?? null,
      createdAt: now,
      expiresAt: addSeconds(now, CHALLENGE_TTL_SECONDS),
    },
  });
  // Housekeeping, not correctness: an expired challenge is refused whether or not its row remains.
  if (ctx.random.int(PURGE_ONE_IN) === 0) {
    await ctx.db.webauthnChallenge.deleteMany({ where: { expiresAt: { lt: addSeconds(now, -PURGE_AFTER_SECONDS) } } });
  }
  return challenge;
}

/**
 * Spend `challenge` for `ceremony` (and, when given, this user and session), or throw why not:
 * unknown or someone else's → passkey_challenge_invalid, too old → passkey_challenge_expired,
 * already spent → passkey_challenge_used.
 */
export async function consumeChallenge(ctx: Ctx, challenge: string, ceremony: CeremonyKind, owner: ChallengeOwner = {}): Promise<void> {
  const now = ctx.clock.now();
  const match = {
    challenge,
    ceremony,
    ...(owner.userId !== undefined ? { userId: owner.userId } : {}),
    ...(owner.sessionId !== undefined ? { sessionId: owner.sessionId } : {}),
  };
  const { count } = await ctx.db.webauthnChallenge.updateMany({
    where: { ...match, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 1) return;
  const row = await ctx.db.webauthnChallenge.findFirst({ where: match, select: { usedAt: true, expiresAt: true } });
  if (!row) throw new AppError("passkey_challenge_invalid", "This passkey request was not issued by Rollcall for you. Start again.");
  if (row.usedAt) {
    throw new AppError("passkey_challenge_used", "This passkey request was already used; a replayed response is refused. Start again.");
  }
  throw new AppError("passkey_challenge_expired", `This passkey request expired (they last ${CHALLENGE_TTL_SECONDS / 60} minutes). Start again.`);
}
