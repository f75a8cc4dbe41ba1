// Scan receipts (docs/authentication.md, "Scan receipts"): a logged-out phone that opens a
// code's URL gets the code verified at once and a short-lived signed receipt (an httpOnly cookie
// naming a scan_receipts row bound to the qr-session, the scan time and the scanning browser's
// device id). After login, that browser — and no other — completes the mark as of the scan
// time, once. A receipt lives 120 s: long enough to log in, too short to pass around.
import { transact } from "../transact";
import { createHmac, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import { addSeconds } from "../clock";
import type { Ctx } from "../context";
import { AppError, isAppError } from "../errors";
import { isCheckinOpen } from "../events/checkin";
import { hit, peek, rateLimited } from "../rate-limit/limit";
import { checkAttemptLimit, countFailedAttempt } from "./attempt-limit";
import { checkEligibility } from "./check-eligibility";
import { auditFailure, type ScanAttempt } from "./scan-attempt";
import { loadScanTarget, withdrawnCodeError } from "./scan-target";
import type { AlreadyMarkedOut, MarkedOut } from "./schemas";
import { verifyScannedPayload } from "./verify-scanned-payload";
import { writeMark } from "./write-mark";

export const RECEIPT_COOKIE = "rc_receipt";
export const RECEIPT_TTL_SECONDS = 120;
const RECEIPT_ISSUE_LIMIT = { name: "receipt_ip", max: 30, windowSeconds: 60 };
const tooManyScans = "Too many scans from this network address. Wait a minute.";

/** Receipts per address. A refused scan costs one read: the count is written only for scans that go on. */
async function limitReceipts(ctx: Ctx): Promise<void> {
  const seen = await peek(ctx, RECEIPT_ISSUE_LIMIT, ctx.ip);
  if (seen.count >= RECEIPT_ISSUE_LIMIT.max) throw rateLimited(seen, tooManyScans);
  const state = await hit(ctx, RECEIPT_ISSUE_LIMIT, ctx.ip);
  if (state.limited) throw rateLimited(state, tooManyScans);
}

function receiptMac(id: string, secret: string): string {
  // domain-separated from QR payload MACs, which use the same key
  return createHmac("sha256", secret).update(`rollcall-receipt.${id}`).digest().subarray(0, 16).toString("base64url");
}

export function signReceipt(id: string, secret: string): string {
  return `r1.${id}.${receiptMac(id, secret)}`;
}

/** The receipt id of a cookie value whose MAC checks out, else null. */
export function verifyReceiptCookie(value: string, secret: string): string | null {
  const m = /^r1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(value);
  if (!m) return null;
  const expected = Buffer.from(receiptMac(m[1]!, secret));
  const given = Buffer.from(m[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? m[1]! : null;
}

/** Verify a scanned code for a logged-out phone and hand back a receipt cookie value. */
export async function issueScanReceipt(ctx: Ctx, scanned: string): Promise<{ cookie: string; expiresAt: Date; eventTitle: string }> {
  const attempt: ScanAttempt = { via: "receipt" };
  try {
    await limitReceipts(ctx);
    // proxy.ts gives every browser a device id before this runs; without one there is nothing to bind to
    if (!ctx.deviceId) throw new AppError("receipt_invalid", "This browser does not keep cookies, so it cannot finish a scan after logging in. Log in first, then scan.");
    const target = await verifyScannedPayload(ctx, scanned, attempt);
    const now = ctx.clock.now();
    if (!isCheckinOpen(target.event, now)) throw new AppError("event_closed", `Check-in for “${target.event.title}” is closed.`);
    const id = ctx.random.bytes(16).toString("base64url");
    const expiresAt = addSeconds(now, RECEIPT_TTL_SECONDS);
    await transact(ctx, async (tx) => {
      await tx.scanReceipt.create({ data: { id, qrSessionId: target.id, scannedAt: now, expiresAt, deviceId: ctx.deviceId } });
      await recordAudit(tx, ctx, {
        action: "scan_receipt_issued",
        targetType: "event",
        targetId: target.eventId,
        details: { receipt_id: id, qr_session_id: target.id, scanned_at: now.toISOString() },
      });
    });
    return { cookie: signReceipt(id, ctx.config.QR_SIGNING_SECRET), expiresAt, eventTitle: target.event.title };
  } catch (error) {
    if (isAppError(error)) await auditFailure(ctx, null, error, attempt);
    throw error;
  }
}

const invalidReceipt = () =>
  new AppError("receipt_invalid", "Your scan from before you logged in has expired or was already used. Scan the code on the screen now.");

/** After login: spend the receipt and mark as of the scan time. */
export async function completeScanReceipt(ctx: Ctx, user: AuthUser, cookie: string): Promise<MarkedOut | AlreadyMarkedOut> {
  const attempt: ScanAttempt = { via: "receipt" };
  try {
    await checkAttemptLimit(ctx, user.id);
    const id = verifyReceiptCookie(cookie, ctx.config.QR_SIGNING_SECRET);
    if (!id) throw invalidReceipt();
    const now = ctx.clock.now();
    const receipt = await ctx.db.scanReceipt.findUnique({ where: { id } });
    if (!receipt || receipt.usedAt || receipt.expiresAt <= now) throw invalidReceipt();
    if (!receipt.deviceId || receipt.deviceId !== ctx.deviceId) {
      throw new AppError("receipt_wrong_device", "That scan was made on another phone or browser. Scan the code on the screen with this one.");
    }
    const target = await loadScanTarget(ctx.db, receipt.qrSessionId);
    attempt.eventId = target?.eventId;
    attempt.qrSessionId = receipt.qrSessionId;
    if (!target || target.revokedAt) throw withdrawnCodeError(target, now);
    // open at the scan time: the student was there while check-in ran; no location from a camera app
    checkEligibility(ctx, user, target, receipt.scannedAt, {});
    return await writeMark(ctx, user, target, {
      at: receipt.scannedAt,
      via: "receipt",
      inTransaction: async (tx) => {
        const spent = await tx.scanReceipt.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: user.id } });
        if (spent.count !== 1) throw invalidReceipt();
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      await auditFailure(ctx, user.id, error, attempt);
      await countFailedAttempt(ctx, user.id, error);
    }
    throw error;
  }
}
