// Failure budgets that count only failures, yet cannot be overrun by checks running in parallel
// (the per-IP failed-login limit; docs/authentication.md, "Per-address limit").
//
// A bucket's `count` is failures plus reservations in flight, and `pending` is the reservations
// in flight. An attempt reserves a slot BEFORE its (slow) check with one conditional increment
// that only succeeds while count < max; afterwards it settles: a failure keeps its slot (pending
// - 1), a success gives it back (count - 1, pending - 1). So failures in a window never exceed
// `max`, however many attempts arrive at once: the overshoot is zero.
//
// When every slot is taken but some are only in flight (count - pending < max), the attempt
// WAITS for them to settle instead of being refused: woken at once by a settle in this process,
// polling (reads only) every 250 ms for other instances, for as long as the bucket keeps changing (checks are
// settling) — up to 60 s — and at most 10 s without any change. Correct passwords give their slots
// back, so 30 students behind one NAT address all get in (at most `max` checks run at once, and
// bcrypt's thread pool runs only 4 anyway). Only when failures alone fill the budget is the
// attempt refused, and that is decided by one read (`peekFailures`), with no write. While checks
// of this very process hold slots of the bucket they are known to be progressing (however slowly
// bcrypt runs under load), so the 10 s idle limit does not apply: only slots of other instances,
// which may have died, are given up on after 10 s without change.
//
// Hazards, bounded: a process that dies between reserve and settle leaves its slot counted as
// in flight until the window ends; waiters then time out with a 429. Fixed windows allow up to
// 2 x max failures across a window boundary, as every fixed-window limit does.
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { isRecordNotFound, isUniqueViolation } from "../errors";
import { bucketKey, stateOf, type LimitRule, type LimitState } from "./limit";

export interface Reservation {
  key: string;
  windowStart: Date;
}

export type ReserveOutcome = { reserved: true; reservation: Reservation } | { reserved: false; state: LimitState };

/** give up when the bucket has not changed for this long (a slot leaked by a crashed instance) */
const MAX_IDLE_MS = 10_000;
/** and in any case after this long */
const MAX_WAIT_MS = 60_000;
const POLL_MS = 250;

// Waiters per bucket key, on globalThis: Next bundles route handlers separately, and a settle in
// one route (the API login) must wake a waiter in another (the browser sign-in).
const shared = globalThis as unknown as { rollcallSlotWaiters?: Map<string, Set<() => void>> };
const waiters = (shared.rollcallSlotWaiters ??= new Map());
/** Slots of this process reserved and not yet settled, per bucket key: checks still running here. */
const sharedInFlight = globalThis as unknown as { rollcallSlotsInFlight?: Map<string, number> };
const inFlight = (sharedInFlight.rollcallSlotsInFlight ??= new Map<string, number>());

function track(key: string, delta: 1 | -1): void {
  const n = (inFlight.get(key) ?? 0) + delta;
  if (n > 0) inFlight.set(key, n);
  else inFlight.delete(key);
}

function wake(key: string): void {
  const set = waiters.get(key);
  if (!set) return;
  waiters.delete(key);
  for (const resolve of set) resolve();
}

function nextChange(key: string): Promise<void> {
  return new Promise((resolve) => {
    let set = waiters.get(key);
    if (!set) waiters.set(key, (set = new Set()));
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      resolve();
    };
    const timer = setTimeout(done, POLL_MS);
    set.add(done);
  });
}

/** The failures alone (not the checks in flight), as a state: `limited` when they fill the budget. Reads only. */
export async function peekFailures(ctx: Ctx, rule: LimitRule, subject: string): Promise<LimitState> {
  const now = ctx.clock.now();
  const row = await ctx.db.rateLimitBucket.findUnique({ where: { key: bucketKey(rule, subject) } });
  if (!row || row.expiresAt <= now) return stateOf(rule, 0, addSeconds(now, rule.windowSeconds), now);
  const failures = row.count - row.pending;
  return { ...stateOf(rule, failures, row.expiresAt, now), limited: failures >= rule.max };
}

const bucketSelect = { count: true, pending: true, windowStart: true, expiresAt: true } as const;
type BucketRow = { count: number; pending: number; windowStart: Date; expiresAt: Date };

/** One attempt at taking a slot: the reservation, or the bucket as it was when none was free. */
async function tryReserve(ctx: Ctx, rule: LimitRule, key: string): Promise<{ reservation: Reservation; full?: undefined } | { reservation?: undefined; full: BucketRow }> {
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const row = await ctx.db.rateLimitBucket.update({
        where: { key, expiresAt: { gt: now }, count: { lt: rule.max } },
        data: { count: { increment: 1 }, pending: { increment: 1 } },
        select: { windowStart: true },
      });
      return { reservation: { key, windowStart: row.windowStart } };
    } catch (error) {
      if (!isRecordNotFound(error)) throw error;
    }
    const fresh = { count: 1, pending: 1, windowStart: now, expiresAt: addSeconds(now, rule.windowSeconds) };
    const reset = await ctx.db.rateLimitBucket.updateMany({ where: { key, expiresAt: { lte: now } }, data: fresh });
    if (reset.count === 1) return { reservation: { key, windowStart: now } };
    const row = await ctx.db.rateLimitBucket.findUnique({ where: { key }, select: bucketSelect });
    if (row && row.expiresAt > now) return { full: row };
    if (!row) {
      try {
        await ctx.db.rateLimitBucket.create({ data: { key, ...fresh } });
        return { reservation: { key, windowStart: now } };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  throw new Error(`rate limit bucket ${key} kept changing under contention`);
}

/** Reserve a slot before a check, waiting while the budget is full only of checks in flight. */
export async function reserve(ctx: Ctx, rule: LimitRule, subject: string): Promise<ReserveOutcome> {
  const key = bucketKey(rule, subject);
  const started = performance.now();
  let lastChange = started;
  let seen = "";
  for (;;) {
    const attempt = await tryReserve(ctx, rule, key);
    if (attempt.reservation) {
      track(key, 1);
      return { reserved: true, reservation: attempt.reservation };
    }
    let full: BucketRow | null = attempt.full;
    // Wait with reads only (a write attempt per poll would compete with the very checks we wait
    // for), until a slot looks free; then try to take it.
    while (full && full.expiresAt > ctx.clock.now() && full.count >= rule.max) {
      const at = performance.now();
      const state = `${full.count}/${full.pending}/${full.windowStart.getTime()}`;
      // a change, or checks of this process still holding slots: progress, keep waiting
      if (state !== seen || inFlight.has(key)) [seen, lastChange] = [state, at];
      if (full.count - full.pending >= rule.max || at - lastChange >= MAX_IDLE_MS || at - started >= MAX_WAIT_MS) {
        return { reserved: false, state: { ...stateOf(rule, full.count - full.pending, full.expiresAt, ctx.clock.now()), limited: true } };
      }
      await nextChange(key);
      full = await ctx.db.rateLimitBucket.findUnique({ where: { key }, select: bucketSelect });
    }
  }
}

/**
 * Settle a reservation: "failed" keeps the slot counted, "refund" gives it back. A no-op once its
 * window has ended (a new window never pays for an old one's attempts).
 */
export async function settle(ctx: Ctx, reservation: Reservation, outcome: "failed" | "refund"): Promise<void> {
  track(reservation.key, -1);
  await ctx.db.rateLimitBucket.updateMany({
    where: { key: reservation.key, windowStart: reservation.windowStart, pending: { gt: 0 } },
    data: outcome === "refund" ? { count: { decrement: 1 }, pending: { decrement: 1 } } : { pending: { decrement: 1 } },
  });
  wake(reservation.key);
}
