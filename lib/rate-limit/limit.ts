// Fixed-window counters stored in the database, so every app instance shares them.
// Each step is one atomic conditional write; no read-then-write race.
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError, isRecordNotFound, isUniqueViolation } from "../errors";

export interface LimitRule {
  /** bucket family, e.g. "login_ip" */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface LimitState {
  count: number;
  resetAt: Date;
  limited: boolean;
  retryAfterSeconds: number;
}

export const bucketKey = (rule: LimitRule, subject: string) => `${rule.name}:${subject}`.slice(0, 255);

export function stateOf(rule: LimitRule, count: number, resetAt: Date, now: Date): LimitState {
  return {
    count,
    resetAt,
    limited: count > rule.max,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Count one hit against `subject` and report whether it is over the limit. */
export async function hit(ctx: Ctx, rule: LimitRule, subject: string): Promise<LimitState> {
  const key = bucketKey(rule, subject);
  const now = ctx.clock.now();
  const fresh = { count: 1, windowStart: now, expiresAt: addSeconds(now, rule.windowSeconds) };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // 1. inside a live window: atomic increment
      const row = await ctx.db.rateLimitBucket.update({
        where: { key, expiresAt: { gt: now } },
        data: { count: { increment: 1 } },
      });
      return stateOf(rule, row.count, row.expiresAt, now);
    } catch (error) {
      if (!isRecordNotFound(error)) throw error;
    }
    // 2. an expired window: reset it (only one concurrent caller wins the condition)
    const reset = await ctx.db.rateLimitBucket.updateMany({ where: { key, expiresAt: { lte: now } }, data: fresh });
    if (reset.count === 1) return stateOf(rule, 1, fresh.expiresAt, now);
    // 3. no bucket yet: create it; on a concurrent create, loop back to increment
    try {
      await ctx.db.rateLimitBucket.create({ data: { key, ...fresh } });
      return stateOf(rule, 1, fresh.expiresAt, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`rate limit bucket ${key} kept changing under contention`);
}

/** Current state without counting a hit. */
export async function peek(ctx: Ctx, rule: LimitRule, subject: string): Promise<LimitState> {
  const now = ctx.clock.now();
  const row = await ctx.db.rateLimitBucket.findUnique({ where: { key: bucketKey(rule, subject) } });
  if (!row || row.expiresAt <= now) return stateOf(rule, 0, addSeconds(now, rule.windowSeconds), now);
  return stateOf(rule, row.count, row.expiresAt, now);
}

export async function clear(ctx: Ctx, rule: LimitRule, subject: string): Promise<void> {
  await ctx.db.rateLimitBucket.deleteMany({ where: { key: bucketKey(rule, subject) } });
}

export function rateLimited(state: Pick<LimitState, "retryAfterSeconds">, message: string): AppError {
  return new AppError("rate_limited", message, { retry_after_seconds: state.retryAfterSeconds }, {
    "Retry-After": String(state.retryAfterSeconds),
  });
}

/** Count a hit and throw 429 (with Retry-After) when over the limit. */
export async function enforce(ctx: Ctx, rule: LimitRule, subject: string, message: string): Promise<LimitState> {
  const state = await hit(ctx, rule, subject);
  if (state.limited) throw rateLimited(state, message);
  return state;
}

/** Delete expired buckets (housekeeping; correctness never depends on it). */
export async function purgeExpired(ctx: Ctx): Promise<number> {
  const { count } = await ctx.db.rateLimitBucket.deleteMany({ where: { expiresAt: { lte: ctx.clock.now() } } });
  return count;
}
