// How many failed scans a student gets: counted only on failure (and on already_marked repeats),
// so the success path stays one read (a peek), and so does a refusal. Typed short codes have
// their own, tighter budget so guessing is hopeless.
import type { Ctx } from "../context";
import type { AppError } from "../errors";
import { enforce, hit, peek, rateLimited } from "../rate-limit/limit";

/** Failed attempts and already_marked repeats per student per minute, over every way of marking. */
export const MARK_ATTEMPTS = { name: "mark_user", max: 30, windowSeconds: 60 };
/** Typed short codes per student per ten minutes (right or wrong). */
export const SHORT_CODE_ATTEMPTS = { name: "short_code_user", max: 10, windowSeconds: 600 };

/** Refuse a student who is over the failed-attempt limit (a read, not a write). */
export async function checkAttemptLimit(ctx: Ctx, userId: string): Promise<void> {
  const state = await peek(ctx, MARK_ATTEMPTS, userId);
  if (state.count >= MARK_ATTEMPTS.max) throw rateLimited(state, "Too many failed attempts. Wait a minute and scan again.");
}

/** Count a failed attempt (never throws: the student's real error matters more). */
export async function countFailedAttempt(ctx: Ctx, userId: string, error: AppError): Promise<void> {
  if (error.code === "rate_limited") return;
  await hit(ctx, MARK_ATTEMPTS, userId).catch(() => undefined);
}

/**
 * An already_marked answer costs a rolled-back transaction: repeats count against the same
 * budget, so a client re-sending its code in a loop is refused with one read after 30 a minute.
 */
export async function countRepeat(ctx: Ctx, userId: string): Promise<void> {
  await hit(ctx, MARK_ATTEMPTS, userId).catch(() => undefined);
}

/** Spend one typed short code from the student's budget, or refuse with 429. */
export async function spendShortCodeAttempt(ctx: Ctx, userId: string): Promise<void> {
  await enforce(ctx, SHORT_CODE_ATTEMPTS, userId, "Too many short codes typed. Scan the QR code instead, or wait a few minutes.");
}
