// One error type for the whole product. Only lib/http.ts turns it into a response.

/** Every machine-readable error code the API can return. A typo fails the build. */
export const ERROR_CODES = [
  // request shape
  "invalid_json",
  "validation_failed",
  "unsupported_media_type",
  "payload_too_large",
  "not_found",
  "method_not_allowed",
  "conflict",
  "rate_limited",
  "internal_error",
  "service_unavailable",
  // auth
  "unauthenticated",
  "forbidden",
  "token_invalid",
  "token_expired",
  "session_revoked",
  "invalid_credentials",
  "account_pending",
  "account_rejected",
  "account_expired",
  "account_deactivated",
  "account_locked",
  "refresh_token_invalid",
  "refresh_token_reused",
  "email_taken",
  "weak_password",
  "last_admin",
  // approvals
  "approval_not_found",
  "approval_expired",
  "approval_already_decided",
  "approval_pending",
  "status_token_invalid",
  // events and attendance
  "event_not_found",
  "event_closed",
  "event_has_attendance",
  "qr_malformed",
  "qr_invalid_signature",
  "qr_expired",
  "qr_revoked",
  "qr_not_found",
  "short_code_invalid",
  "receipt_invalid",
  "not_a_student",
  "device_shared",
  "network_not_allowed",
  "location_required",
  "location_outside_geofence",
  "attendance_not_found",
  // operations
  "backup_failed",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** extra response headers, e.g. Retry-After */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string, code: ErrorCode = "not_found") => new AppError(code, 404, `${what} was not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", 403, message);
export const unauthenticated = (message = "Log in to continue.") => new AppError("unauthenticated", 401, message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Prisma's "unique constraint failed" (P2002), across both adapters. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Prisma's "record to update/delete not found" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}
