// Run a check (a passkey assertion, a step-up password) inside a failure budget, the way the
// password login spends its per-address budget (lib/rate-limit/reserve.ts): refused by a read
// alone when failures fill the budget, else a slot is reserved before the check, kept when the
// check fails and handed back when it succeeds. Parallel attempts can never run more than
// `rule.max` failing checks in a window.
import type { Ctx } from "../context";
import type { AppError } from "../errors";
import type { LimitRule } from "./limit";
import { peekFailures, reserve, settle } from "./reserve";

export async function withinFailureBudget<T>(
  ctx: Ctx,
  rule: LimitRule,
  subject: string,
  /** the error to throw when the budget is spent (after any bookkeeping of the refusal) */
  refused: (retryAfterSeconds: number) => Promise<AppError>,
  check: () => Promise<T>,
): Promise<T> {
  const seen = await peekFailures(ctx, rule, subject);
  if (seen.limited) throw await refused(seen.retryAfterSeconds);
  const slot = await reserve(ctx, rule, subject);
  if (!slot.reserved) throw await refused(slot.state.retryAfterSeconds);
  let result: T;
  try {
    result = await check();
  } catch (error) {
    await settle(ctx, slot.reservation, "failed");
    throw error;
  }
  await settle(ctx, slot.reservation, "refund");
  return result;
}
