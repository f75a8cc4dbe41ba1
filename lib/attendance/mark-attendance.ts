// POST /api/attendance/mark: the use case. The steps live in their own modules, shared with
// the scan-receipt flow: verify the payload (or resolve a typed short code), check
// eligibility, write the mark in one transaction (docs/design.md#scanning for the order).
// Every failure is audited and counted against the student's attempt budget.
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { isAppError } from "../errors";
import { checkAttemptLimit, countFailedAttempt, countRepeat } from "./attempt-limit";
import { checkEligibility } from "./check-eligibility";
import { resolveShortCode } from "./resolve-short-code";
import { auditFailure, type ScanAttempt } from "./scan-attempt";
import type { ScanTarget } from "./scan-target";
import type { AlreadyMarkedOut, MarkedOut, MarkInput } from "./schemas";
import { auditBlockedDevice } from "./shared-device";
import { verifyScannedPayload } from "./verify-scanned-payload";
import { writeMark } from "./write-mark";

/** A scanned payload (or URL) or a typed short code; `opened` says whether the payload came
 *  from the app's scanner or from a camera app opening the code's URL. */
export async function markAttendance(ctx: Ctx, user: AuthUser, input: MarkInput, opened: "scanner" | "link" = "scanner"): Promise<MarkedOut | AlreadyMarkedOut> {
  const attempt: ScanAttempt = { via: input.short_code ? "short_code" : opened === "link" ? "link" : "qr" };
  try {
    let target: ScanTarget;
    if (input.short_code) {
      await checkAttemptLimit(ctx, user.id);
      target = await resolveShortCode(ctx, user.id, input.short_code, attempt);
    } else {
      // Two independent reads on the hot path: run them together; the limit's refusal wins.
      const [limit, verified] = await Promise.allSettled([checkAttemptLimit(ctx, user.id), verifyScannedPayload(ctx, input.qr_payload ?? "", attempt)]);
      if (limit.status === "rejected") throw limit.reason;
      if (verified.status === "rejected") throw verified.reason;
      target = verified.value;
    }
    const now = ctx.clock.now();
    checkEligibility(ctx, user, target, now, input);
    const result = await writeMark(ctx, user, target, { at: now, via: attempt.via });
    if ("already_marked" in result) await countRepeat(ctx, user.id);
    return result;
  } catch (error) {
    if (isAppError(error)) {
      await auditFailure(ctx, user.id, error, attempt);
      await countFailedAttempt(ctx, user.id, error);
      if (error.code === "device_shared" && attempt.eventId) await auditBlockedDevice(ctx, user, attempt.eventId);
    }
    throw error;
  }
}
