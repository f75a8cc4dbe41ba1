// Step 1 of a typed code: the live qr-session a 6-character short code belongs to, valid
// exactly as long as its QR code (with the same clock-skew allowance), from a limited budget.
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { QR_SKEW_SECONDS } from "../qr/token";
import { spendShortCodeAttempt } from "./attempt-limit";
import type { ScanAttempt } from "./scan-attempt";
import { SCAN_TARGET_SELECT, withdrawnCodeError, type ScanTarget } from "./scan-target";

export async function resolveShortCode(ctx: Ctx, userId: string, code: string, attempt: ScanAttempt): Promise<ScanTarget> {
  await spendShortCodeAttempt(ctx, userId);
  const now = ctx.clock.now();
  const skew = QR_SKEW_SECONDS * 1000;
  const found = await ctx.db.qrSession.findFirst({
    where: { shortCode: code, expiresAt: { gt: new Date(now.getTime() - skew) }, issuedAt: { lte: new Date(now.getTime() + skew) } },
    orderBy: { issuedAt: "desc" },
    select: SCAN_TARGET_SELECT,
  });
  if (!found) throw new AppError("short_code_invalid", "That code is not valid now. Check the characters, or type the code on the screen now.");
  attempt.eventId = found.eventId;
  attempt.qrSessionId = found.id;
  if (found.revokedAt) throw withdrawnCodeError(found, now);
  return found;
}
