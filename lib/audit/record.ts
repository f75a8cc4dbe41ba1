// The audit trail. Written in the same transaction as the action it records (docs/design.md#code-layout),
// so a rolled-back action leaves no entry and a committed one always has its trail.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";

export const AUDIT_ACTIONS = [
  "signup",
  "approval_requested",
  "approval_decided",
  "login_ok",
  "login_failed",
  "login_locked",
  "login_refused",
  "login_unlocked",
  "token_refreshed",
  "refresh_refused",
  "refresh_reuse",
  "logout",
  "sessions_revoked",
  "user_role_changed",
  "user_status_changed",
  "user_renamed",
  "user_created",
  "course_staff_changed",
  "event_created",
  "event_updated",
  "event_archived",
  "event_deleted",
  "checkin_started",
  "checkin_stopped",
  "qr_issued",
  "qr_revoked",
  "qr_revoked_all",
  "attendance_marked",
  "attendance_failed",
  "attendance_manual",
  "attendance_unmarked",
  "device_shared",
  "scan_receipt_issued",
  "scan_refused",
  "secret_rotated",
  "backup_taken",
  "backup_restored",
  "failed_login_burst",
  "passkey_registered",
  "passkey_renamed",
  "passkey_deleted",
  "passkeys_revoked",
  "passkey_suspicious",
  "step_up_ok",
  "step_up_failed",
  "course_created",
  "course_updated",
  "course_archived",
  "course_deleted",
  "roster_imported",
  "enrollment_added",
  "enrollment_dropped",
  "join_code_changed",
  "sessions_created",
  "signup_course_named",
  "low_attendance_warned",
  "low_attendance_withdrawn",
  "roster_account_linked",
  "attendance_bulk",
  "students_invited",
  "email_verified",
  "verification_resent",
  "password_reset_requested",
  "password_reset_sent",
  "password_reset",
  "password_changed",
  "sso_failed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  targetType?: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Append one entry; IP, user agent and device come from the request context. */
export async function recordAudit(db: DbOrTx, ctx: Pick<Ctx, "ip" | "userAgent" | "deviceId" | "clock">, entry: AuditEntry) {
  await db.auditLog.create({
    data: {
      createdAt: ctx.clock.now(),
      action: entry.action,
      actorId: entry.actorId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      deviceId: ctx.deviceId,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
