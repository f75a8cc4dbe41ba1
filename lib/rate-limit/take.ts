// Limits whose refusals must cost no write (docs/authentication.md#refusals): a flood of
// password-reset or verification-resend requests pays one read per refused request, and one
// write — the action's own transaction, of which taking the slot is a part — per allowed one.
//
// `peekLimit` decides refusals by a read. `takeSlot` runs inside the action's transaction and
// counts the use only while the window has room (one conditional increment), so however many
// requests pass the read at once, at most `max` are allowed per window: the rest find the
// window full and the action does not happen.
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { isUniqueViolation } from "../errors";
import { bucketKey, stateOf, type LimitRule, type LimitState } from "./limit";
import { transact } from "../transact";
import type { Tx } from "../db";

/** The window as it stands, by one read: `limited` once `max` uses were counted. */
export async function peekLimit(ctx: Pick<Ctx, "db" | "clock">, rule: LimitRule, subject: string): Promise<LimitState> {
  const now = ctx.clock.now();
  const row = await ctx.db.rateLimitBucket.findUnique({ where: { key: bucketKey(rule, subject) }, select: { count: true, expiresAt: true } });
  if (!row || row.expiresAt <= now) return stateOf(rule, 0, addSeconds(now, rule.windowSeconds), now);
  return { ...stateOf(rule, row.count, row.expiresAt, now), limited: row.count >= rule.max };
}

/**
 * Count one use in the caller's transaction if the window has room; false when it is full.
 * The first statement is a write (SQLite takes its write lock up front). Two transactions
 * creating the same new bucket at once: the second fails with a unique violation, which
 * `transactTaking` answers by running the whole transaction again.
 */
export async function takeSlot(tx: DbOrTx, rule: LimitRule, subject: string, now: Date): Promise<boolean> {
  const key = bucketKey(rule, subject);
  const taken = await tx.rateLimitBucket.updateMany({ where: { key, expiresAt: { gt: now }, count: { lt: rule.max } }, data: { count: { increment: 1 } } });
  if (taken.count === 1) return true;
  const fresh = { count: 1, pending: 0, windowStart: now, expiresAt: addSeconds(now, rule.windowSeconds) };
  const reset = await tx.rateLimitBucket.updateMany({ where: { key, expiresAt: { lte: now } }, data: fresh });
  if (reset.count === 1) return true;
  const row = await tx.rateLimitBucket.findUnique({ where: { key }, select: { key: true } });
  if (row) return false; // live and full
  await tx.rateLimitBucket.create({ data: { key, ...fresh } });
  return true;
}

/** `transact` that also re-runs the transaction when a concurrent one created the same bucket first. */
export async function transactTaking<T>(ctx: Pick<Ctx, "db">, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transact(ctx, fn);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
