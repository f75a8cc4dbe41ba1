// The lockout policy of a login throttle key (lib/auth/lockout.ts), as pure functions: five
// attempts, then a 30-second lock; after that one attempt between locks, each lock twice as
// long as the one before, capped at an hour. A key left alone for a day starts afresh.

/** Attempts allowed before the first lock. */
export const FREE_FAILURES = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 60 * 60;
/** A key idle this long (no attempt, no lock) forgets its failures and its lock level. */
export const THROTTLE_MEMORY_SECONDS = 24 * 60 * 60;

/** Attempts a key at `lockLevel` may make (in flight or failed) before it is locked again. */
export function attemptsBeforeLock(lockLevel: number): number {
  return lockLevel === 0 ? FREE_FAILURES : 1;
}

/** How long the `level`-th consecutive lock lasts (level ≥ 1). */
export function lockSeconds(level: number): number {
  const doublings = Math.min(Math.max(level - 1, 0), 20);
  return Math.min(BASE_LOCK_SECONDS * 2 ** doublings, MAX_LOCK_SECONDS);
}
