// What a scan names: a qr-session with the event fields every later step needs. The one
// Prisma select for it, shared by the scanner, short codes and scan receipts.
import type { DbOrTx } from "../db";
import { AppError } from "../errors";
import { isCheckinOpen } from "../events/checkin";

export const SCAN_TARGET_SELECT = {
  id: true,
  nonce: true,
  eventId: true,
  expiresAt: true,
  revokedAt: true,
  keyId: true,
  event: {
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      lateAfterMinutes: true,
      archivedAt: true,
      checkinOpenedAt: true,
      checkinClosedAt: true,
      blockSharedDevices: true,
      allowedCidrs: true,
      geofenceLat: true,
      geofenceLng: true,
      geofenceRadiusM: true,
    },
  },
} as const;

export type ScanTarget = NonNullable<Awaited<ReturnType<typeof loadScanTarget>>>;

/** The qr-session `id` with its event, or null. */
export function loadScanTarget(db: DbOrTx, id: string) {
  return db.qrSession.findUnique({ where: { id }, select: SCAN_TARGET_SELECT });
}

/** The JSON summary of the event a mark was made for. */
export function markedEvent(target: ScanTarget) {
  return { id: target.event.id, title: target.event.title, starts_at: target.event.startsAt.toISOString() };
}

/**
 * The refusal for a withdrawn code. Stopping check-in revokes the event's live codes, so a code
 * still on a screen after "Stop check-in" is revoked: say check-in is closed (nothing to rescan),
 * not "withdrawn, scan the code on the screen now".
 */
export function withdrawnCodeError(target: Pick<ScanTarget, "event"> | null, now: Date): AppError {
  if (target && !isCheckinOpen(target.event, now)) return new AppError("event_closed", `Check-in for “${target.event.title}” is closed.`);
  return new AppError("qr_revoked", "This code was withdrawn by the organiser. Scan the code on the screen now.");
}
