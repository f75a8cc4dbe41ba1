// The login page's "your scan is saved" note: the scan time and deadline of this browser's
// unspent scan receipt (its signed cookie), or null when there is none worth mentioning.
import type { Ctx } from "../context";
import { verifyReceiptCookie } from "./scan-receipt";
import { loadScanTarget } from "./scan-target";

export interface SavedScan {
  scannedAt: Date;
  expiresAt: Date;
  eventTitle: string;
}

export async function findSavedScan(ctx: Ctx, cookie: string | undefined): Promise<SavedScan | null> {
  if (!cookie) return null;
  const id = verifyReceiptCookie(cookie, ctx.config.QR_SIGNING_SECRET);
  if (!id) return null;
  const receipt = await ctx.db.scanReceipt.findUnique({ where: { id } });
  if (!receipt || receipt.usedAt || receipt.expiresAt <= ctx.clock.now() || receipt.deviceId !== ctx.deviceId) return null;
  const target = await loadScanTarget(ctx.db, receipt.qrSessionId);
  if (!target) return null;
  return { scannedAt: receipt.scannedAt, expiresAt: receipt.expiresAt, eventTitle: target.event.title };
}
