// One error type for the whole product. Only lib/http.ts turns it into a response.

/**
 * Every machine-readable error code the API can return, with its HTTP status: the one map
 * from code to status (a typo fails the build, and a code cannot have two statuses).
 * 401 means "not logged in (or no longer)"; 403 "logged in, or the password was right, but
 * not allowed".
 */
export const ERROR_STATUS = {
  // request shape
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  // auth
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  token_invalid: 401,
  token_expired: 401,
  session_revoked: 401,
  invalid_credentials: 401,
  account_pending: 403,
  account_rejected: 403,
  account_expired: 403,
  account_deactivated: 403,
  account_locked: 429,
  refresh_token_invalid: 401,
  refresh_token_reused: 401,
  email_taken: 409,
  weak_password: 400,
  last_admin: 409,
  step_up_required: 403,
  // passkeys (WebAuthn)
  passkeys_need_domain: 409,
  passkey_malformed: 400,
  passkey_challenge_invalid: 400,
  passkey_challenge_expired: 410,
  passkey_challenge_used: 409,
  passkey_origin_mismatch: 400,
  passkey_rp_id_mismatch: 400,
  passkey_user_verification_required: 400,
  passkey_unknown: 401,
  passkey_invalid: 401,
  passkey_counter_regression: 403,
  passkey_registration_invalid: 400,
  passkey_already_registered: 409,
  passkey_limit_reached: 409,
  passkey_not_found: 404,
  // approvals
  approval_not_found: 404,
  approval_expired: 409,
  approval_already_decided: 409,
  approval_pending: 409,
  status_token_invalid: 400,
  // events and attendance
  event_not_found: 404,
  event_closed: 409,
  event_has_attendance: 409,
  qr_malformed: 400,
  qr_invalid_signature: 400,
  qr_expired: 410,
  qr_revoked: 410,
  qr_not_found: 404,
  qr_key_revoked: 503,
  short_code_invalid: 400,
  receipt_invalid: 410,
  receipt_wrong_device: 403,
  not_a_student: 403,
  device_shared: 403,
  network_not_allowed: 403,
  location_required: 400,
  location_outside_geofence: 403,
  attendance_not_found: 404,
  // courses and enrolment
  course_not_found: 404,
  course_exists: 409,
  course_has_records: 409,
  roster_csv_invalid: 400,
  roster_too_large: 413,
  enrollment_not_found: 404,
  enrollment_exists: 409,
  enrollment_dropped: 409,
  join_code_invalid: 404,
  // operations
  backup_failed: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const statusOf = (code: ErrorCode): number => ERROR_STATUS[code];

export class AppError extends Error {
  /** The HTTP status, from ERROR_STATUS: never chosen at the throw site. */
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** extra response headers, e.g. Retry-After */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string, code: ErrorCode = "not_found") => new AppError(code, `${what} was not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", message);
export const unauthenticated = (message = "Log in to continue.") => new AppError("unauthenticated", message);

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
