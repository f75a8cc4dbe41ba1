// One attempt to mark attendance, as the failure audit sees it: how the code arrived and,
// once known, which event and qr-session it named. Every failure is audited as
// attendance_failed outside the rolled-back transaction, so it survives — except a refusal by a
// rate limit, which is only tallied (lib/audit/refusals.ts): a flood costs reads, not writes.
import { recordAudit } from "../audit/record";
import { noteRefusal } from "../audit/refusals";
import type { Ctx } from "../context";
import type { AttendanceMethod } from "../db";
import type { AppError } from "../errors";

export interface ScanAttempt {
  eventId?: string;
  qrSessionId?: string;
  /** qr: the app's scanner; link: the code's URL opened by a camera app; receipt: a link opened before login */
  via: "qr" | "short_code" | "link" | "receipt";
}

/** The honest method stored with a mark (docs/courses.md, "how a mark was made"). */
export const METHOD_OF = { qr: "scan", short_code: "short_code", link: "link", receipt: "link" } as const satisfies Record<ScanAttempt["via"], AttendanceMethod>;

/** attendance_failed, written outside the failed transaction so it survives the rollback. */
export async function auditFailure(ctx: Ctx, userId: string | null, error: AppError, attempt: ScanAttempt): Promise<void> {
  if (error.code === "rate_limited") {
    const who = userId ? { targetType: "user", targetId: userId } : { targetType: "ip", targetId: ctx.ip };
    await noteRefusal(ctx, { action: "scan_refused", subject: `${who.targetType}:${who.targetId}`, ...who, details: { reason: "rate_limited", via: attempt.via } });
    return;
  }
  try {
    await recordAudit(ctx.db, ctx, {
      action: "attendance_failed",
      actorId: userId,
      targetType: attempt.eventId ? "event" : undefined,
      targetId: attempt.eventId ?? null,
      details: { reason: error.code, via: attempt.via, qr_session_id: attempt.qrSessionId ?? null, ip: ctx.ip, device_id: ctx.deviceId },
    });
  } catch {
    // an audit write failing must not hide the student's real error
  }
}
