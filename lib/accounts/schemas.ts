// The account API's shapes: the single source for route validation, the forms and OpenAPI.
// Strict objects: an unknown field is a 400, not silently ignored.
import { z } from "zod";
import { Str } from "../common-schemas";
import { ROLES } from "../auth/policy";
import { HumanName } from "../text/clean-name";
import { JoinCode } from "../courses/schemas";

/** An email as signups accept it (trimmed, at most 254 characters); normalise with normalizeEmail. */
export const EmailSchema = Str.trim().max(254).pipe(z.email());
const email = EmailSchema;
/** bcrypt reads at most 72 bytes; the policy reports longer ones, this only bounds the input. */
const password = Str.min(1).max(200);

/** Signup's fields; a strict object, extended by adding fields here (the use case stores what it keeps). */
export const SignupBody = z.strictObject({
  email,
  password,
  full_name: HumanName,
  join_code: JoinCode.optional().describe(
    "a course's join code, for a student not on its roster: the approval request then names the course, its instructors decide, approving enrols the student, and it waits until the course's next session ends",
  ),
});
export type SignupInput = z.infer<typeof SignupBody>;

/** A mailed link's token as it arrives: its shape is checked by the use case (token_invalid). */
const mailedToken = Str.min(1).max(200);
/** The 6-digit code of a verification mail; spaces a person may type between digits are ignored. */
const verificationCode = Str
  .max(20)
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(Str.regex(/^\d{6}$/, "six digits"));

export const VerifyEmailBody = z.union([
  z.strictObject({ token: mailedToken.describe("the token of the link in the verification mail") }),
  z.strictObject({ email, code: verificationCode.describe("the 6-digit code in the verification mail") }),
]);
export type VerifyEmailInput = z.infer<typeof VerifyEmailBody>;

export const ResendVerificationBody = z.strictObject({ email });

export const PasswordResetBody = z.strictObject({ email });

export const PasswordResetConfirmBody = z.strictObject({
  token: mailedToken.describe("the token of the link in the password-reset mail"),
  password: password.describe("the new password; it must pass the password policy"),
});
export type PasswordResetConfirmInput = z.infer<typeof PasswordResetConfirmBody>;

export const ChangePasswordBody = z.strictObject({
  current_password: password,
  new_password: password.describe("it must pass the password policy and differ from the current one"),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordBody>;

export const LoginBody = z.strictObject({
  email,
  password,
  device_token: Str
    .max(100)
    .optional()
    .describe("the device_token an earlier successful login returned for this account: this client's attempts are then limited on their own, and a lockout caused by other clients does not block it"),
});
export type LoginInput = z.infer<typeof LoginBody>;

export const RefreshBody = z.strictObject({ refresh_token: Str.min(1).max(200) });

export const SignupStatusBody = z.strictObject({ status_token: Str.min(1).max(300) });

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired"] as const;

export const ApprovalListQuery = z.strictObject({
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ApprovalListInput = z.infer<typeof ApprovalListQuery>;

/** cuid ids (what Prisma generates); anything else cannot name a row. */
const CuidId = Str.regex(/^[a-z0-9]{20,40}$/, "not an id");
export const IdParams = z.strictObject({ id: CuidId });

export const DecisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("approved"), approved_role: z.enum(ROLES) }),
  z.strictObject({ decision: z.literal("rejected"), reason: Str.trim().max(500).optional() }),
]);
export type DecisionInput = z.infer<typeof DecisionBody>;

export const MAX_BULK_DECISIONS = 500;
const BulkIds = z.array(CuidId).min(1).max(MAX_BULK_DECISIONS).describe("approval request ids; repeats count once");
/** The same decision for many requests: each gets the single-decision rules and its own result. */
export const BulkDecisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ ids: BulkIds, decision: z.literal("approved"), approved_role: z.enum(ROLES) }),
  z.strictObject({ ids: BulkIds, decision: z.literal("rejected"), reason: Str.trim().max(500).optional() }),
]);
export type BulkDecisionInput = z.infer<typeof BulkDecisionBody>;

// ---- responses (documentation: the use cases build these shapes in present.ts) ----
const iso = Str.describe("ISO 8601 UTC time");
const Person = z.object({ id: Str, email: Str, full_name: Str });

export const UserOut = z.object({
  id: Str,
  email: Str,
  full_name: Str,
  role: z.enum(ROLES),
  status: z.enum(["pending", "active", "rejected", "expired", "deactivated"]),
});

export const ApprovalOut = z.object({
  id: Str,
  status: z.enum(APPROVAL_STATUSES).describe("computed at request time: a pending request past expires_at is expired"),
  requested_at: iso,
  expires_at: iso,
  seconds_remaining: z.number().int(),
  decided_at: iso.nullable(),
  approved_role: z.enum(ROLES).nullable(),
  reason: Str.nullable(),
  user: Person.nullable().optional(),
  decided_by: Person.nullable().optional(),
  course: z
    .object({ id: Str, code: Str, title: Str })
    .nullable()
    .optional()
    .describe("the course whose join code the student gave: its instructors decide, approving enrols them; null: decided by an admin"),
});

export const SignupOut = z.object({
  status: z.literal("verification_sent").describe("the same answer for every address: new, waiting, on a roster or already registered"),
});

export const VerifyEmailOut = z.object({
  status: z.enum(["active", "pending"]).describe("active: on a course roster, approved at once; pending: waiting for an approval decision"),
  user: UserOut,
  approval_request: ApprovalOut,
  reopened: z.boolean().describe("true when a rejected or expired signup of this address was reopened"),
  status_token: Str.describe("opaque; POST it to /api/auth/signup/status to follow the approval request"),
});

export const ResendVerificationOut = SignupOut;

export const PasswordResetOut = z.object({
  status: z.literal("reset_requested").describe("the same answer whether or not the address has an account"),
});

export const PasswordChangedOut = z.object({
  status: z.literal("password_changed"),
  sessions_ended: z.number().int().describe("sessions signed out (every one after a reset; the others after a change)"),
});

export const ResetSentOut = z.object({ status: z.literal("reset_sent"), expires_at: iso });

export const SignupStatusOut = z.object({ server_time: iso, email: Str, approval_request: ApprovalOut });

/** The waiting page: name the course whose instructors should decide (its join code). */
export const SignupCourseBody = z.strictObject({ status_token: Str.min(1).max(300), join_code: JoinCode });
export const SignupCourseOut = z.object({
  course_named: z.boolean().describe("false: the request already named this course"),
  approval_request: ApprovalOut.describe("with its course, and expires_at moved to the end of the course's next session"),
});

export const TokenPairOut = z.object({
  access_token: Str.describe("JWT (HS256), claims sub, role, sid, jti"),
  refresh_token: Str.describe("opaque, single use: each refresh returns a new pair"),
  token_type: z.literal("bearer"),
  expires_in: z.number().int().describe("seconds until the access token expires"),
});

export const LoginOut = TokenPairOut.extend({
  user: UserOut,
  device_token: Str.describe("this client's trusted-device token for the account (valid 180 days): send it back as device_token when logging in again"),
});

export const MeOut = UserOut.extend({
  created_at: iso,
  last_login_at: iso.nullable(),
  session_id: Str,
  must_change_password: z.boolean().describe("true for the quick start's bootstrap admin until the password is changed: every other endpoint answers 403 password_change_required"),
});

export const ApprovalListOut = z.object({ server_time: iso, items: z.array(ApprovalOut) });

export const DecisionOut = z.object({ approval_request: ApprovalOut });

export const BulkDecisionOut = z.object({
  summary: z.object({ decided: z.number().int(), failed: z.number().int() }),
  results: z.array(
    z.union([
      z.object({ id: Str, ok: z.literal(true), approval_request: ApprovalOut }),
      z.object({
        id: Str,
        ok: z.literal(false),
        status: z.number().int().describe("the HTTP status a single decision would have answered"),
        error: z.object({ code: Str.describe("approval_expired, approval_already_decided, approval_not_found"), message: Str, details: z.unknown().optional() }),
      }),
    ]),
  ).describe("one per id, in the order sent"),
});

export const OkOut = z.object({ ok: z.literal(true) });
