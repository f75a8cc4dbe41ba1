// Per-account exponential back-off after consecutive failed logins (users.failed_login_count).
// Pure: the caller stores the result in users.locked_until.

/** Failures allowed before the first lock. */
export const FREE_FAILURES = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 60 * 60;

/** Seconds to lock the account after its `failures`-th consecutive failure (0 = no lock). */
export function lockSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_FAILURES, 20);
  return Math.min(BASE_LOCK_SECONDS * 2 ** doublings, MAX_LOCK_SECONDS);
}
