// Step 1 of a scan (docs/design.md#scanning): parse, constant-time MAC check and expiry of a
// scanned payload (or the URL carrying it), then the qr-session it names: not revoked, and not
// expired by its STORED expiry. The signed expiry alone is not enough: someone holding a leaked
// secret can sign any claims with a fresh issued-at, but cannot move the row's expires_at.
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { recordTiming } from "../metrics/recorder";
import { verificationKeyring } from "../qr/signing-keys";
import { extractQrPayload, parseQrToken, QR_SKEW_SECONDS, verifyQrToken } from "../qr/token";
import type { ScanAttempt } from "./scan-attempt";
import { loadScanTarget, withdrawnCodeError, type ScanTarget } from "./scan-target";

/** The qr-session a scanned payload names. Timed for the dashboard's QR-verification figure. */
export async function verifyScannedPayload(ctx: Ctx, scanned: string, attempt: ScanAttempt): Promise<ScanTarget> {
  const started = performance.now();
  try {
    return await verifyUntimed(ctx, scanned, attempt);
  } finally {
    recordTiming("qr_verification", performance.now() - started);
  }
}

async function verifyUntimed(ctx: Ctx, scanned: string, attempt: ScanAttempt): Promise<ScanTarget> {
  const result = verifyQrToken(extractQrPayload(scanned), await verificationKeyring(ctx), ctx.clock.now());
  if (!result.ok) {
    if (result.reason === "malformed") throw new AppError("qr_malformed", "That is not a Rollcall attendance code.");
    if (result.reason === "bad_signature") throw new AppError("qr_invalid_signature", "This code was not issued by Rollcall (its signature is wrong).");
    if (result.reason === "retired_key") throw new AppError("qr_expired", "This code was signed with a retired key. Scan the code on the screen now.");
    if (result.reason === "legacy_version") throw new AppError("qr_expired", "This code is in an old format that is no longer accepted. Scan the code on the screen now.");
    // the MAC checked out, so the claims are ours: name the event in the failure audit
    const parsed = parseQrToken(extractQrPayload(scanned));
    attempt.eventId = parsed?.claims.eventId;
    attempt.qrSessionId = parsed?.claims.qrSessionId;
    throw new AppError("qr_expired", "This code has expired. Scan the code on the screen now.");
  }
  attempt.eventId = result.claims.eventId;
  attempt.qrSessionId = result.claims.qrSessionId;
  const session = await loadScanTarget(ctx.db, result.claims.qrSessionId);
  // A valid MAC naming a missing session: its event was deleted. Treat it as revoked. A code must
  // carry the key its session was issued with: after a compromise, someone holding the old
  // secret cannot re-sign a new session's claims with it.
  const wrongKey = session?.keyId != null && session.keyId !== result.keyId;
  if (!session || session.nonce !== result.claims.nonce || session.eventId !== result.claims.eventId || wrongKey) throw withdrawnCodeError(null, ctx.clock.now());
  // revoked because check-in stopped: "check-in is closed", not "scan again"
  if (session.revokedAt) throw withdrawnCodeError(session, ctx.clock.now());
  // the same clock-skew allowance as the signed expiry (and as short codes)
  if (ctx.clock.now().getTime() > session.expiresAt.getTime() + QR_SKEW_SECONDS * 1000) {
    throw new AppError("qr_expired", "This code has expired. Scan the code on the screen now.");
  }
  return session;
}
