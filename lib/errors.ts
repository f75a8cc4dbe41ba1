// One error type for the whole product. Only lib/http.ts turns it into a response.
import { redactSecrets, redactValue } from "./security/redact";

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
  /** too many expensive reads (reports, exports, imports) running on this instance: retry after Retry-After */
  busy: 503,
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
  token_used: 409,
  email_unverified: 403,
  password_change_required: 403,
  /** single sign-on refused: the reason is in details.reason and in the audit log (sso_failed) */
  sso_failed: 401,
  /** AUTH_PASSWORDS=students-off: students sign in and sign up with the college account */
  passwords_off: 403,
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
  passkey_new_in_session: 403,
  // approvals
  approval_not_found: 404,
  approval_expired: 409,
  approval_already_decided: 409,
  approval_pending: 409,
  status_token_invalid: 400,
  // events and attendance
  event_not_found: 404,
  event_closed: 409,
  event_not_open: 409,
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
  text_encoding_unknown: 400,
  sessions_overlap: 409,
  enrollment_not_found: 404,
  enrollment_exists: 409,
  enrollment_dropped: 409,
  join_code_invalid: 404,
  last_instructor: 409,
  // operations
  backup_failed: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const statusOf = (code: ErrorCode): number => ERROR_STATUS[code];

export class AppError extends Error {
  /** The HTTP status, from ERROR_STATUS: never chosen at the throw site. */
  readonly status: number;
  readonly details?: unknown;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: unknown,
    /** extra response headers, e.g. Retry-After */
    readonly headers?: Record<string, string>,
  ) {
    // An AppError's words go out (API body, CLI output, logs): they pass the one redaction step
    // here, so a message built from a tool's error or a token never carries the secret.
    super(redactSecrets(message));
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
    this.details = redactValue(details);
  }

  /**
   * Values this answer deliberately hands to the client that just proved who it is — the status
   * token of its own signup, after the right password or a mailed secret — and that the redaction
   * of `details` would otherwise mask. Sent in the body's details (lib/http.ts, next-auth's
   * refusal), never logged. Set it with `handOver`.
   */
  handover?: Record<string, string>;

  /** The details as the client receives them: the redacted details plus what is handed over. */
  clientDetails(): unknown {
    if (!this.handover) return this.details;
    return { ...(this.details && typeof this.details === "object" ? (this.details as Record<string, unknown>) : {}), ...this.handover };
  }
}

/** Attach values the client must receive unmasked (see AppError.handover). */
export function handOver(error: AppError, values: Record<string, string>): AppError {
  error.handover = { ...error.handover, ...values };
  return error;
}

export const notFound = (what: string, code: ErrorCode = "not_found") => new AppError(code, `${what} was not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", message);
export const unauthenticated = (message = "Log in to continue.") => new AppError("unauthenticated", message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Prisma's "unique constraint failed" (P2002), across both adapters. */
/** A Prisma error's code ("P2002", …), or undefined for anything else. */
function prismaCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === "P2002";
}

/**
 * Prisma's "operation has timed out" (P1008: SQLite stayed busy past its busy timeout), "timed
 * out fetching a connection from the pool" (P2024) and "unable to start a
 * transaction in the given time / transaction expired" (P2028): the database is overloaded right
 * now, not broken, and a transaction that hit it was rolled back.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = prismaCode(error);
  return code === "P1008" || code === "P2024" || code === "P2028";
}

/** What a client hears when the database was too busy (503 with Retry-After), never a 500. */
export const databaseBusy = () =>
  new AppError("service_unavailable", "The database is too busy right now. Try again in a moment.", undefined, { "Retry-After": "1" });

/** Prisma's "record to update/delete not found" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === "P2025";
}
