// WebAuthn challenges, valid for two minutes and spent exactly once; any app instance can finish
// a ceremony another one started.
// - registration and step-up (a signed-in user): 256 random bits, stored in the database when
//   issued. Spending is one conditional update, so of two requests racing with the same challenge
//   (a replayed assertion) exactly one gets past this point.
// - anonymous sign-in: stateless, so the options endpoint that anyone may call writes no row. The
//   challenge is 128 random bits, its expiry and an HMAC under SECRET_KEY over both (36 bytes,
//   base64url). Only an answer that carries a genuine, unexpired one writes a row — spent at
//   once, whose primary key makes a replay fail (a unique violation: exactly one wins).
import { createHmac, timingSafeEqual } from "node:crypto";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation } from "../errors";

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
  await maybePurge(ctx, now);
  return challenge;
}

// Housekeeping, not correctness: an expired challenge is refused whether or not its row remains.
async function maybePurge(ctx: Ctx, now: Date): Promise<void> {
  if (ctx.random.int(PURGE_ONE_IN) === 0) {
    await ctx.db.webauthnChallenge.deleteMany({ where: { expiresAt: { lt: addSeconds(now, -PURGE_AFTER_SECONDS) } } });
  }
}

const SIGNED_RANDOM_BYTES = 16;
const SIGNED_MAC_BYTES = 16;
const SIGNED_BYTES = SIGNED_RANDOM_BYTES + 4 + SIGNED_MAC_BYTES;

function signedMac(body: Buffer, secret: string): Buffer {
  return createHmac("sha256", secret).update("rollcall-webauthn-sign-in.").update(body).digest().subarray(0, SIGNED_MAC_BYTES);
}

/** A sign-in challenge that needs no storage (see the header): random bits, expiry, MAC. */
export function issueSignedChallenge(ctx: Pick<Ctx, "clock" | "random" | "config">): string {
  const expires = Math.floor(addSeconds(ctx.clock.now(), CHALLENGE_TTL_SECONDS).getTime() / 1000);
  const expiry = Buffer.alloc(4);
  expiry.writeUInt32BE(expires);
  const body = Buffer.concat([ctx.random.bytes(SIGNED_RANDOM_BYTES), expiry]);
  return Buffer.concat([body, signedMac(body, ctx.config.SECRET_KEY)]).toString("base64url");
}

/** The expiry of a genuine signed challenge, or null when it is not one of ours. Pure. */
export function signedChallengeExpiry(challenge: string, secret: string): Date | null {
  if (!/^[A-Za-z0-9_-]+$/.test(challenge)) return null;
  const bytes = Buffer.from(challenge, "base64url");
  if (bytes.length !== SIGNED_BYTES || bytes.toString("base64url") !== challenge) return null;
  const body = bytes.subarray(0, SIGNED_RANDOM_BYTES + 4);
  // constant-time compare: a plain === would leak how many leading MAC bytes match
  if (!timingSafeEqual(bytes.subarray(SIGNED_RANDOM_BYTES + 4), signedMac(body, secret))) return null;
  return new Date(body.readUInt32BE(SIGNED_RANDOM_BYTES) * 1000);
}

/** Spend a signed sign-in challenge: expired, or already spent (a replay), or now ours alone. */
async function consumeSignedChallenge(ctx: Ctx, challenge: string, expiresAt: Date): Promise<void> {
  const now = ctx.clock.now();
  if (expiresAt <= now) {
    throw new AppError("passkey_challenge_expired", `This passkey request expired (they last ${CHALLENGE_TTL_SECONDS / 60} minutes). Start again.`);
  }
  try {
    await ctx.db.webauthnChallenge.create({ data: { challenge, ceremony: "authentication", createdAt: now, expiresAt, usedAt: now } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("passkey_challenge_used", "This passkey request was already used; a replayed response is refused. Start again.");
  }
  await maybePurge(ctx, now);
}

/**
 * Spend `challenge` for `ceremony` (and, when given, this user and session), or throw why not:
 * unknown or someone else's → passkey_challenge_invalid, too old → passkey_challenge_expired,
 * already spent → passkey_challenge_used.
 */
export async function consumeChallenge(ctx: Ctx, challenge: string, ceremony: CeremonyKind, owner: ChallengeOwner = {}): Promise<void> {
  if (ceremony === "authentication") {
    const expiresAt = signedChallengeExpiry(challenge, ctx.config.SECRET_KEY);
    if (expiresAt) return consumeSignedChallenge(ctx, challenge, expiresAt);
    // not a signed one: a stored challenge (issued before this change), or nothing of ours
  }
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
