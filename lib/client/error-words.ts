// Plain words for every error the API can answer (lib/errors.ts ERROR_STATUS) and for the
// browser's own "offline": the one map pages use, so no API-internal text ("Invalid body:
// body.short_code …") ever reaches a person. The Record type makes it exhaustive: a new
// error code fails the build until it has words here. Pure, so server components use it too.
import type { ErrorCode } from "../errors";

/** Codes only the browser produces. */
export type LocalErrorCode = "offline";
export type ClientErrorCode = ErrorCode | LocalErrorCode;

export interface WordsContext {
  retryAfterSeconds?: number;
  details?: unknown;
}

interface Words {
  /** a short heading: "Code expired" */
  title: string;
  /** one or two plain sentences saying what happened and what to do */
  text: string | ((c: WordsContext) => string);
}

/** "in about 40 seconds" / "in about 3 minutes" / "in a moment". */
export function inAbout(seconds: number | undefined): string {
  if (!seconds || seconds <= 0 || !Number.isFinite(seconds)) return "in a moment";
  if (seconds < 90) return `in about ${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  return `in about ${Math.round(seconds / 60)} minutes`;
}

const count = (details: unknown, key: string): number | undefined => {
  const v = (details as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === "number" ? v : undefined;
};

const SIGN_IN_AGAIN: Words = { title: "Please log in again", text: "Your session has ended. Log in to carry on." };

/** Mailed links and codes (verification, password reset) say which they are in `details.kind`. */
const mailedKind = (details: unknown): "verification" | "password_reset" | null => {
  const kind = (details as { kind?: unknown } | null | undefined)?.kind;
  return kind === "verification" || kind === "password_reset" ? kind : null;
};
const askAgain = (details: unknown) =>
  mailedKind(details) === "password_reset" ? "Ask for a new password-reset link on the login page (Forgot password?)." : "Sign up again or ask for a new mail, and use the newest one.";

export const ERROR_WORDS: Record<ClientErrorCode, Words> = {
  // the request itself
  invalid_json: { title: "Something went wrong", text: "The page sent something the server could not read. Reload the page and try again." },
  validation_failed: { title: "Check the form", text: "Some details are missing or not valid. Fix the fields marked below and try again." },
  unsupported_media_type: { title: "Something went wrong", text: "The page sent something the server could not read. Reload the page and try again." },
  payload_too_large: { title: "Too much text", text: "That is more than Rollcall accepts in one go. Shorten it and try again." },
  not_found: { title: "Not found", text: "That no longer exists. It may have been deleted; reload the page." },
  method_not_allowed: { title: "Something went wrong", text: "The page asked for something the server does not offer. Reload the page and try again." },
  conflict: { title: "Already done", text: "That was already done, or changed meanwhile. Reload the page to see where things stand." },
  rate_limited: { title: "Too many tries", text: (c) => `Please wait, then try again ${inAbout(c.retryAfterSeconds)}.` },
  internal_error: { title: "Something went wrong on our side", text: "Rollcall could not finish that. Try again; if it keeps happening, tell your administrator." },
  service_unavailable: { title: "Rollcall is busy", text: "The server is not available for a moment. Try again shortly." },
  busy: { title: "Busy, retrying", text: (c) => `Rollcall is busy with other reports and exports (check-ins come first). Try again ${inAbout(c.retryAfterSeconds)}.` },
  offline: { title: "No connection", text: "Rollcall could not be reached. Check your Wi-Fi or mobile data and try again — trying again is always safe." },
  // signing in
  unauthenticated: SIGN_IN_AGAIN,
  token_invalid: {
    title: "Not valid",
    text: (c) => (mailedKind(c.details) ? `This link or code is not valid. Check that you copied all of it, or ${askAgain(c.details).replace(/^./, (x) => x.toLowerCase())}` : (SIGN_IN_AGAIN.text as string)),
  },
  token_expired: {
    title: "Expired",
    text: (c) => (mailedKind(c.details) ? `This link has expired. ${askAgain(c.details)}` : (SIGN_IN_AGAIN.text as string)),
  },
  token_used: { title: "Link already used", text: (c) => `This link or code was already used. ${mailedKind(c.details) === "password_reset" ? "If you did not change your password, ask for a new link (Forgot password?)." : "Log in with your email and password."}` },
  email_unverified: { title: "Confirm your email first", text: "Open the link in the mail we sent you, or type its 6-digit code. You can ask for the mail again below." },
  sso_failed: { title: "College sign-in did not work", text: "Signing in with your college account did not finish. Try again; if it keeps failing, ask your college's IT help desk." },
  passwords_off: { title: "Use your college account", text: "Students sign in with their college account here, not with a password. Use the college button on the login page." },
  password_change_required: { title: "Choose a new password", text: "Before anything else, replace the password you were given with one of your own on the Security page." },
  session_revoked: SIGN_IN_AGAIN,
  refresh_token_invalid: SIGN_IN_AGAIN,
  refresh_token_reused: { title: "Please log in again", text: "For your safety your session was ended. Log in again." },
  forbidden: { title: "Not allowed", text: "Your account cannot do this. Ask an administrator if you think it should." },
  cross_site_request: { title: "Blocked for your safety", text: "This request came from another website, so it was not carried out. Repeat it from Rollcall's own pages." },
  invalid_credentials: { title: "Wrong email or password", text: "The email or password is wrong. Check both and try again." },
  account_pending: { title: "Not approved yet", text: "Your account is waiting for an administrator's approval. You can log in once it is approved." },
  account_rejected: { title: "Signup not approved", text: "An administrator did not approve your signup. You can sign up again to send a new request." },
  account_expired: { title: "Signup expired", text: "No administrator approved your signup in time. Sign up again to send a new request." },
  account_deactivated: { title: "Account not active", text: "Your account has been deactivated. Contact your administrator or the registrar." },
  account_locked: { title: "Too many wrong passwords", text: (c) => `This account is locked for a short while. You can try again ${inAbout(c.retryAfterSeconds)}.` },
  email_taken: { title: "Email already registered", text: "An account with this email already exists. Log in instead." },
  weak_password: { title: "Choose a stronger password", text: "The password does not meet every rule listed under it." },
  last_admin: { title: "Last administrator", text: "This is the only active administrator. Make someone else an administrator first." },
  step_up_required: { title: "Confirm it is you", text: "This action needs a fresh confirmation: use your passkey or enter your password, then try again." },
  // passkeys
  passkeys_need_domain: {
    title: "Passkeys are not available here",
    text: "Passkeys need Rollcall to be reached by a domain name, and this server is reached by an IP address. Sign in with your password; your administrator can fix this.",
  },
  passkey_malformed: { title: "Passkey did not answer", text: "Your device's answer could not be read. Try again." },
  passkey_challenge_invalid: { title: "Please try again", text: "That passkey request did not come from this page. Try again." },
  passkey_challenge_expired: { title: "Took too long", text: "The passkey request ran out (they last 2 minutes). Try again." },
  passkey_challenge_used: { title: "Please try again", text: "That passkey request was already used. Try again." },
  passkey_origin_mismatch: { title: "Wrong website", text: "That passkey answer was made for another website. Only use your passkey on Rollcall's own address." },
  passkey_rp_id_mismatch: { title: "Wrong website", text: "That passkey belongs to another website. Choose your Rollcall passkey." },
  passkey_user_verification_required: { title: "Unlock needed", text: "Your device did not check it is you. Try again and unlock with your fingerprint, face or device PIN." },
  passkey_unknown: { title: "Passkey not recognised", text: "Rollcall does not know this passkey (it may have been removed). Log in with your password, then add a new passkey." },
  passkey_invalid: { title: "Passkey not accepted", text: "Your passkey's answer could not be verified. Try again, or log in with your password." },
  passkey_counter_regression: { title: "Passkey blocked", text: "This passkey looks like a copy and was refused. An administrator has been told; log in with your password." },
  passkey_registration_invalid: { title: "Passkey not added", text: "Your device's answer could not be verified, so no passkey was added. Try again." },
  passkey_already_registered: { title: "Already added", text: "This passkey is already on your account." },
  passkey_limit_reached: { title: "Too many passkeys", text: "You have the most passkeys allowed. Delete one you no longer use first." },
  passkey_not_found: { title: "Passkey not found", text: "That passkey is no longer on your account. Reload the page." },
  event_not_open: {
    title: "Check-in not open yet",
    text: (c) => {
      const window = (c.details as { window?: unknown } | null | undefined)?.window;
      return `Check-in for this class can open ${typeof window === "string" ? window : "shortly before it starts, until it ends"}. Showing a code opens check-in, so try again then.`;
    },
  },
  passkey_new_in_session: { title: "Use your password", text: "A passkey added in this sign-in cannot confirm it is you yet. Enter your password instead." },
  // approvals
  approval_not_found: { title: "Request not found", text: "That signup request no longer exists. Reload the page." },
  approval_expired: { title: "Request expired", text: "This signup request ran out of time before a decision. The student has to sign up again." },
  approval_already_decided: { title: "Already decided", text: "Another administrator decided this request first. Reload to see their decision." },
  approval_pending: { title: "Already waiting", text: "A signup with this email is already waiting for approval. Wait for the decision, or log in to check." },
  status_token_invalid: { title: "Status not available", text: "This page cannot follow that signup any more. Log in to see whether you were approved, or sign up again." },
  // events and attendance
  event_not_found: { title: "Event not found", text: "That event no longer exists. It may have been deleted." },
  event_closed: { title: "Check-in is closed", text: "This class is not taking attendance right now. If you are in the room, ask the lecturer." },
  event_has_attendance: {
    title: "Event has attendance",
    text: (c) => {
      const n = count(c.details, "attendance_count");
      return `This event has ${n === undefined ? "" : `${n} `}attendance records. Archive it to keep them, or confirm deleting them too.`;
    },
  },
  qr_malformed: { title: "Not a Rollcall code", text: "That QR code is not an attendance code. Point the camera at the code on the screen." },
  qr_invalid_signature: { title: "Code not recognised", text: "That code was not made by Rollcall. Scan the code on the screen in the room." },
  qr_expired: { title: "Code expired", text: "That code has run out. Scan the code on the screen now — it changes every few seconds." },
  qr_revoked: { title: "Code withdrawn", text: "The lecturer withdrew that code. Scan the code on the screen now." },
  qr_not_found: { title: "Code not found", text: "That code no longer exists." },
  qr_key_revoked: { title: "Server needs a restart", text: "This server cannot issue codes until it is restarted with the new QR signing secret. Ask your administrator." },
  short_code_invalid: { title: "Code not valid", text: "That code is not valid now. Check the 6 characters, or type the one on the screen now — each lasts about a minute." },
  receipt_invalid: { title: "Please scan again", text: "Your scan from before you logged in ran out or was already used. Scan the code on the screen now." },
  receipt_wrong_device: { title: "Scan with this phone", text: "That scan was made on another phone or browser. Scan the code on the screen with this one." },
  not_a_student: { title: "Not a student account", text: "Only student accounts can mark attendance." },
  device_shared: { title: "Phone already used", text: "This phone already marked another student for this class. Use your own phone." },
  network_not_allowed: { title: "Wrong network", text: "This class only accepts scans from the campus network. Turn off mobile data, join the campus Wi-Fi and scan again." },
  location_required: { title: "Location needed", text: "This class checks that you are in the room. Allow location access when your phone asks, then scan again." },
  location_outside_geofence: { title: "Not in the room", text: "Your phone's location is outside the room for this class. Scan from inside the room." },
  attendance_not_found: { title: "No mark to remove", text: "That student is not marked for this event (any more). Reload the page." },
  // courses
  course_not_found: { title: "Course not found", text: "That course no longer exists. It may have been deleted." },
  course_exists: { title: "Course already exists", text: "A course with this code already exists for that term. Open it instead, or choose another term." },
  course_has_records: { title: "Course has records", text: "This course has sessions or enrolments with attendance. Archive it to keep them." },
  roster_csv_invalid: {
    title: "Roster file not readable",
    text: (c) => {
      const d = (c.details ?? {}) as { missing?: unknown; twice?: unknown };
      const missing = Array.isArray(d.missing) ? d.missing : [];
      if (missing.length) {
        const what = missing.length > 1 ? "neither an email column nor a name column" : missing[0] === "email" ? "no email column" : "no name column";
        return `The first line of the file names ${what}. Name the columns, for example “Email” and “Name”, or “First name” and “Last name”.`;
      }
      if (d.twice) return "The first line of the file names the same column twice. Delete one of the two columns and import again.";
      return "The file is empty or has no header line. Its first line must name the columns: an email column and a name column (or first and last name).";
    },
  },
  roster_too_large: { title: "Roster file too long", text: (c) => `A roster import takes at most ${count(c.details, "limit") ?? 5000} rows. Split the file and import the parts one after another.` },
  text_encoding_unknown: {
    title: "Save the file as CSV UTF-8",
    text: (c) =>
      (c.details as { reason?: unknown } | undefined)?.reason === "workbook"
        ? "This is a spreadsheet workbook, not a CSV file. In your spreadsheet choose Save as, then “CSV UTF-8 (comma delimited)”, and import that file."
        : "Rollcall could not tell how the letters in this file are encoded. In your spreadsheet choose Save as, then “CSV UTF-8 (comma delimited)”, and import that file.",
  },
  sessions_overlap: {
    title: "Those dates already have sessions",
    text: (c) => {
      const dates = (c.details as { dates?: unknown } | undefined)?.dates;
      const list = Array.isArray(dates) ? dates.filter((d): d is string => typeof d === "string") : [];
      return `This course already has a session at that time on ${list.length ? list.slice(0, 12).join(", ") + (list.length > 12 ? ` and ${list.length - 12} more` : "") : "some of these dates"}. Choose other dates, or skip the existing ones.`;
    },
  },
  enrollment_not_found: { title: "Not on the roster", text: "That student is no longer on this course's roster. Reload the page." },
  enrollment_exists: { title: "Already enrolled", text: "This student is already on the course's roster." },
  enrollment_dropped: { title: "You were dropped", text: "Your instructor removed you from this course. Ask them to enrol you again." },
  join_code_invalid: { title: "Code not valid", text: "That join code does not work. Check it with your instructor: codes stop working when they are changed." },
  last_instructor: { title: "Last instructor", text: "A course keeps at least one instructor. Add another instructor before removing this one." },
  // operations
  backup_failed: { title: "Backup failed", text: "The backup could not be taken or restored. See the server log for the reason." },
};

/** Whether `code` is one this map knows (the server could be newer than the page). */
export function isKnownCode(code: string): code is ClientErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_WORDS, code);
}

/** The plain title and sentence for an error code; unknown codes get the generic words. */
export function wordsFor(code: string, context: WordsContext = {}): { title: string; text: string } {
  const w = isKnownCode(code) ? ERROR_WORDS[code] : ERROR_WORDS.internal_error;
  return { title: w.title, text: typeof w.text === "function" ? w.text(context) : w.text };
}

// ---- fields: validation errors shown next to the field they concern

/** What to tell a person about each input the API validates, by field name (the schema key). */
const FIELD_WORDS: Record<string, string> = {
  email: "Enter a valid email address, like name@college.edu.",
  password: "Enter a password.",
  full_name: "Enter your full name (up to 120 characters).",
  short_code: "Type the 6 characters shown under the code on the screen (letters and digits).",
  qr_payload: "That is not a Rollcall code. Scan the code on the screen.",
  title: "Give the event a title (up to 200 characters).",
  description: "Keep the description under 5,000 characters.",
  location: "Keep the location under 200 characters.",
  starts_at: "Enter when the event starts.",
  ends_at: "Enter when the event ends: after it starts.",
  late_after_minutes: "Enter a number of minutes from 0 to 1440.",
  allowed_cidrs: "Enter network addresses like 10.0.0.0/8 or 192.0.2.15, separated by commas.",
  geofence: "Enter latitude, longitude and radius together, or leave all three empty.",
  "geofence.lat": "Enter a latitude between -90 and 90.",
  "geofence.lng": "Enter a longitude between -180 and 180.",
  "geofence.radius_m": "Enter a radius in whole metres, from 10 to 100,000.",
  reason: "Give a reason of at least 3 characters.",
  user_id: "Choose a student.",
  status: "Choose present or late.",
  latitude: "Your phone's location could not be read. Allow location access and try again.",
  longitude: "Your phone's location could not be read. Allow location access and try again.",
  role: "Choose student or admin.",
  active: "Choose active or deactivated.",
  decision: "Choose approve or reject.",
  approved_role: "Choose student or admin.",
  status_token: "This signup can no longer be followed from this page.",
  refresh_token: "Log in again.",
  token: "This link is not complete. Open it from the mail again, or copy all of it.",
  code: "Type the 6 digits from the mail.",
  current_password: "Enter your current password.",
  new_password: "Choose a new password that meets the rules below.",
  from: "Enter a valid start date and time.",
  to: "Enter a valid end date and time.",
  ip_address: "Enter an IP address.",
  q: "Shorten the search text.",
  course_id: "Choose a course, or none.",
  term_label: "Keep the term under 64 characters, like 2026 Autumn.",
  threshold_percent: "Enter a whole percentage from 0 to 100.",
  instructor_ids: "Choose at least one instructor: active administrators only.",
  student_number: "Keep the student number under 64 characters.",
};

export interface ValidationIssue {
  path: string;
  code?: string;
  message?: string;
}

/** "body.geofence.lat" → "geofence.lat"; "body.allowed_cidrs.2" → "allowed_cidrs"; "body" → "". */
export function fieldOf(path: string): string {
  return path
    .split(".")
    .slice(1)
    .filter((s) => !/^\d+$/.test(s))
    .join(".");
}

/** Plain words for each field a validation error names (first problem per field wins). */
export function fieldErrors(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const issue of details as ValidationIssue[]) {
    if (typeof issue?.path !== "string") continue;
    const field = fieldOf(issue.path);
    if (!field || out[field]) continue;
    out[field] = FIELD_WORDS[field] ?? FIELD_WORDS[field.split(".")[0]!] ?? "This value is not valid.";
  }
  return out;
}
