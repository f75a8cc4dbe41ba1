// Per-account lockout with trusted devices (docs/authentication.md, "Lockout"). Attempts count
// against a key in login_throttles:
// - untrusted clients: "acct:" + SHA-256 of the normalised email, whether or not an account has
//   that email, so an unknown email locks, answers and times exactly like a known one;
// - a trusted device (lib/auth/device-token.ts): "dev:" + the same hash + "." + the device id,
//   so guesses from elsewhere never lock the account's owner out of their own phone.
// An attempt RESERVES its slot before the password check, with one conditional increment: a
// burst of parallel guesses gets exactly as many checks as the policy allows (lib/auth/backoff.ts)
// and the rest are refused unchecked, the right password included. A failure keeps its slot; the
// failure that fills the budget locks the key (escalating, ending by itself). A success deletes
// the key's row unless it is locked: a success never lifts a lock, only time or an admin does.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { isRecordNotFound, isUniqueViolation } from "../errors";
import { addSeconds } from "../clock";
import { attemptsBeforeLock, FREE_FAILURES, lockSeconds, THROTTLE_MEMORY_SECONDS } from "./backoff";
import type { TrustedDevice } from "./device-token";
import { hashToken } from "./tokens";

export interface ThrottleRow {
  failures: number;
  lockLevel: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

/** What a reserved attempt saw: the key's failures (this attempt included) and lock level. */
export interface Slot {
  key: string;
  failures: number;
  lockLevel: number;
}

const emailHash = (email: string) => hashToken(`login:${email}`);

/** The key an attempt for `email` (normalised) counts against. */
export function throttleKey(email: string, device: TrustedDevice | null): string {
  return device ? `dev:${emailHash(email)}.${device.id}` : `acct:${emailHash(email)}`;
}

const select = { failures: true, lockLevel: true, lockedUntil: true, updatedAt: true } as const;

export function readThrottle(ctx: Ctx, key: string): Promise<ThrottleRow | null> {
  return ctx.db.loginThrottle.findUnique({ where: { key }, select });
}

const isStale = (row: ThrottleRow, now: Date) => row.updatedAt.getTime() <= now.getTime() - THROTTLE_MEMORY_SECONDS * 1000;
const isLocked = (row: ThrottleRow, now: Date) => row.lockedUntil !== null && row.lockedUntil > now;
const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/**
 * Seconds to wait when a row read earlier already refuses the next attempt (locked, or every
 * attempt the policy allows is in flight), else null. Reads nothing, writes nothing.
 */
export function lockRefusal(row: ThrottleRow | null, now: Date): number | null {
  if (!row || isStale(row, now)) return null;
  if (isLocked(row, now)) return secondsUntil(row.lockedUntil!, now);
  if (row.failures >= attemptsBeforeLock(row.lockLevel)) return lockSeconds(row.lockLevel + 1);
  return null;
}

const unlocked = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });
// attemptsBeforeLock as a filter: fewer than FREE_FAILURES at level 0, none yet at higher levels
const belowBudget = { OR: [{ lockLevel: 0, failures: { lt: FREE_FAILURES } }, { lockLevel: { gt: 0 }, failures: { lt: 1 } }] };

/** Reserve an attempt before the password check: a slot, or how long the key stays closed. */
export async function reserveAttempt(ctx: Ctx, key: string): Promise<{ slot: Slot } | { retryAfterSeconds: number }> {
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const row = await ctx.db.loginThrottle.update({
        where: { key, AND: [unlocked(now), belowBudget] },
        data: { failures: { increment: 1 }, updatedAt: now },
        select,
      });
      return { slot: { key, failures: row.failures, lockLevel: row.lockLevel } };
    } catch (error) {
      if (!isRecordNotFound(error)) throw error;
    }
    const row = await readThrottle(ctx, key);
    if (row && isStale(row, now)) {
      // forget an old streak and lock level (conditional: only the row as it was read)
      await ctx.db.loginThrottle.updateMany({ where: { key, updatedAt: row.updatedAt }, data: { failures: 0, lockLevel: 0, lockedUntil: null, updatedAt: now } });
      continue;
    }
    if (row) {
      const wait = lockRefusal(row, now);
      if (wait !== null) return { retryAfterSeconds: wait };
      continue; // changed since the update: try again
    }
    try {
      await ctx.db.loginThrottle.create({ data: { key, failures: 1, updatedAt: now } });
      return { slot: { key, failures: 1, lockLevel: 0 } };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // created concurrently: reserve in it
    }
  }
  throw new Error(`login throttle ${key} kept changing under contention`);
}

/**
 * A reserved attempt failed. The failure that used the key's last allowed attempt locks it, for
 * longer each time; returns the lock when this call set it.
 */
export async function recordFailedAttempt(ctx: Ctx, slot: Slot): Promise<{ lockedUntil: Date; lockSeconds: number; level: number } | null> {
  if (slot.failures < attemptsBeforeLock(slot.lockLevel)) return null;
  const now = ctx.clock.now();
  const level = slot.lockLevel + 1;
  const seconds = lockSeconds(level);
  const lockedUntil = addSeconds(now, seconds);
  const { count } = await ctx.db.loginThrottle.updateMany({
    where: { key: slot.key, lockLevel: slot.lockLevel, failures: { gte: attemptsBeforeLock(slot.lockLevel) }, ...unlocked(now) },
    data: { failures: 0, lockLevel: level, lockedUntil, updatedAt: now },
  });
  return count === 1 ? { lockedUntil, lockSeconds: seconds, level } : null;
}

/** A successful sign-in through `key`: forget its failures, unless it is locked. */
export async function clearAttempts(db: DbOrTx, key: string, now: Date): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key, ...unlocked(now) } });
}

/** An admin unlocks an account: its own key and every trusted device's. Returns rows removed. */
export async function unlockEmail(db: DbOrTx, email: string): Promise<number> {
  const hash = emailHash(email);
  const { count } = await db.loginThrottle.deleteMany({ where: { OR: [{ key: `acct:${hash}` }, { key: { startsWith: `dev:${hash}.` } }] } });
  return count;
}

/** When each of `emails` is locked for untrusted clients (admin users page); absent = not locked. */
export async function lockedUntilByEmail(ctx: Ctx, emails: string[]): Promise<Map<string, Date>> {
  const now = ctx.clock.now();
  const byKey = new Map(emails.map((e) => [throttleKey(e, null), e]));
  const rows = byKey.size
    ? await ctx.db.loginThrottle.findMany({ where: { key: { in: [...byKey.keys()] }, lockedUntil: { gt: now } }, select: { key: true, lockedUntil: true } })
    : [];
  return new Map(rows.map((r) => [byKey.get(r.key)!, r.lockedUntil!]));
}
