// Which QR signing secret this instance signs with, and which it accepts
// (docs/deployment.md#rotating-the-qr-signing-secret). The secrets live in each instance's
// settings; what instances must agree on lives in the database, by key id only:
// - routine rotation: an instance configured with QR_SIGNING_SECRET (new) and
//   QR_SIGNING_SECRET_PREVIOUS (old) keeps signing with the old one until every running instance
//   (lib/server/instances.ts) knows the new one; then the new key is "activated" once for all, and
//   the old one is accepted for one code lifetime more. A rolling restart never refuses a valid code.
// - compromise: the old key is revoked in qr_signing_keys; no instance issues with it again
//   (checked inside the issuing transaction) and its codes were revoked with it.
// The mark path reads the activation time from a per-process cache (no query per mark).
import type { Ctx } from "../context";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { liveInstances } from "../server/instances";
import { QR_SKEW_SECONDS, qrKeyId, type QrKeyring } from "./token";

const CACHE_MS = 2_000;
/** key id → activation time; an activated key stays activated, so only nulls are re-read */
const activation = new Map<string, { at: Date | null; readAt: number }>();
const ensured = new Set<string>();

async function ensureKeyRow(db: Db, keyId: string, now: Date): Promise<void> {
  if (ensured.has(keyId)) return;
  try {
    await db.qrSigningKey.upsert({ where: { keyId }, create: { keyId, firstSeenAt: now }, update: {} });
  } catch (error) {
    // two instances created it at once: the row exists, which is all we need
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  ensured.add(keyId);
}

/** When codes began to be signed with `keyId`, or null (read at most every 2 s while null). */
async function activatedAt(db: Db, keyId: string): Promise<Date | null> {
  const hit = activation.get(keyId);
  if (hit && (hit.at || performance.now() - hit.readAt < CACHE_MS)) return hit.at;
  const row = await db.qrSigningKey.findUnique({ where: { keyId }, select: { activatedAt: true } });
  activation.set(keyId, { at: row?.activatedAt ?? null, readAt: performance.now() });
  return row?.activatedAt ?? null;
}

/** The secrets a scanned code may be signed with, for verifyQrToken. */
export async function verificationKeyring(ctx: Ctx): Promise<QrKeyring> {
  const { QR_SIGNING_SECRET: current, QR_SIGNING_SECRET_PREVIOUS: previous, QR_EXPIRY_SECONDS, QR_ACCEPT_V1: acceptV1 } = ctx.config;
  if (!previous) return { current, acceptV1 };
  const since = await activatedAt(ctx.db, qrKeyId(current));
  // the previous key signed nothing after `since`: its codes are expired one lifetime (+ skew) later
  return { current, previous, previousUntil: since ? new Date(since.getTime() + (QR_EXPIRY_SECONDS + QR_SKEW_SECONDS) * 1000) : undefined, acceptV1 };
}

/** The secret to sign a new code with (see the header), activating the current key when every running instance knows it. */
export async function signingSecret(ctx: Ctx): Promise<{ secret: string; keyId: string }> {
  const { QR_SIGNING_SECRET: current, QR_SIGNING_SECRET_PREVIOUS: previous } = ctx.config;
  const now = ctx.clock.now();
  const currentId = qrKeyId(current);
  await ensureKeyRow(ctx.db, currentId, now);
  if (!previous || (await activatedAt(ctx.db, currentId))) return { secret: current, keyId: currentId };
  const live = await liveInstances(ctx.db, now);
  if (live.every((i) => i.qrKeyIds.split(",").includes(currentId))) {
    await ctx.db.qrSigningKey.updateMany({ where: { keyId: currentId, activatedAt: null }, data: { activatedAt: now } });
    activation.delete(currentId);
    return { secret: current, keyId: currentId };
  }
  const previousId = qrKeyId(previous);
  await ensureKeyRow(ctx.db, previousId, now);
  return { secret: previous, keyId: previousId };
}

/**
 * Inside the issuing transaction: refuse a revoked key. The conditional update locks the key's
 * row, so a compromise revocation running at the same time either sees this code (and revokes
 * it) or is seen here (and nothing is issued).
 */
export async function assertKeyUsable(tx: Tx, keyId: string, now: Date): Promise<void> {
  const { count } = await tx.qrSigningKey.updateMany({ where: { keyId, revokedAt: null }, data: { revokedAt: null } });
  if (count > 0) return;
  const row = await tx.qrSigningKey.findUnique({ where: { keyId }, select: { revokedAt: true } });
  if (!row) {
    await tx.qrSigningKey.create({ data: { keyId, firstSeenAt: now } }); // e.g. a database restored from before this key
  } else {
    throw new AppError("qr_key_revoked", "This server's QR signing secret was revoked. Restart it with the new QR_SIGNING_SECRET.");
  }
}
