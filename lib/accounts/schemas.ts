// The account API's shapes: the single source for route validation, the forms and OpenAPI.
// Strict objects: an unknown field is a 400, not silently ignored.
import { z } from "zod";
import { HumanName } from "../text/clean-name";

/** An email as signups accept it (trimmed, at most 254 characters); normalise with normalizeEmail. */
export const EmailSchema = z.string().trim().max(254).pipe(z.email());
const email = EmailSchema;
/** bcrypt reads at most 72 bytes; the policy reports longer ones, this only bounds the input. */
const password = z.string().min(1).max(200);

export const SignupBody = z.strictObject({
  email,
  password,
  full_name: HumanName,
});
export type SignupInput = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({
  email,
  password,
  device_token: z
    .string()
    .max(100)
    .optional()
    .describe("the device_token an earlier successful login returned for this account: this client's attempts are then limited on their own, and a lockout caused by other clients does not block it"),
});
export type LoginInput = z.infer<typeof LoginBody>;

export const RefreshBody = z.strictObject({ refresh_token: z.string().min(1).max(200) });

export const SignupStatusBody = z.strictObject({ status_token: z.string().min(1).max(300) });

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired"] as const;

export const ApprovalListQuery = z.strictObject({
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ApprovalListInput = z.infer<typeof ApprovalListQuery>;

/** cuid ids (what Prisma generates); anything else cannot name a row. */
const CuidId = z.string().regex(/^[a-z0-9]{20,40}$/, "not an id");
export const IdParams = z.strictObject({ id: CuidId });

export const DecisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("approved"), approved_role: z.enum(["student", "admin"]) }),
  z.strictObject({ decision: z.literal("rejected"), reason: z.string().trim().max(500).optional() }),
]);
export type DecisionInput = z.infer<typeof DecisionBody>;

export const MAX_BULK_DECISIONS = 500;
const BulkIds = z.array(CuidId).min(1).max(MAX_BULK_DECISIONS).describe("approval request ids; repeats count once");
/** The same decision for many requests: each gets the single-decision rules and its own result. */
export const BulkDecisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ ids: BulkIds, decision: z.literal("approved"), approved_role: z.enum(["student", "admin"]) }),
  z.strictObject({ ids: BulkIds, decision: z.literal("rejected"), reason: z.string().trim().max(500).optional() }),
]);
export type BulkDecisionInput = z.infer<typeof BulkDecisionBody>;

// ---- responses (documentation: the use cases build these shapes in present.ts) ----
const iso = z.string().describe("ISO 8601 UTC time");
const Person = z.object({ id: z.string(), email: z.string(), full_name: z.string() });

export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  role: z.enum(["student", "admin"]),
  status: z.enum(["pending", "active", "rejected", "expired", "deactivated"]),
});

export const ApprovalOut = z.object({
  id: z.string(),
  status: z.enum(APPROVAL_STATUSES).describe("computed at request time: a pending request past expires_at is expired"),
  requested_at: iso,
  expires_at: iso,
  seconds_remaining: z.number().int(),
  decided_at: iso.nullable(),
  approved_role: z.enum(["student", "admin"]).nullable(),
  reason: z.string().nullable(),
  user: Person.nullable().optional(),
  decided_by: Person.nullable().optional(),
});

export const SignupOut = z.object({
  user: UserOut,
  approval_request: ApprovalOut,
  reopened: z.boolean().describe("true when a rejected or expired signup was reopened"),
  status_token: z.string().describe("opaque; POST it to /api/auth/signup/status to follow this request"),
});

export const SignupStatusOut = z.object({ server_time: iso, email: z.string(), approval_request: ApprovalOut });

export const TokenPairOut = z.object({
  access_token: z.string().describe("JWT (HS256), claims sub, role, sid, jti"),
  refresh_token: z.string().describe("opaque, single use: each refresh returns a new pair"),
  token_type: z.literal("bearer"),
  expires_in: z.number().int().describe("seconds until the access token expires"),
});

export const LoginOut = TokenPairOut.extend({
  user: UserOut,
  device_token: z.string().describe("this client's trusted-device token for the account (valid 180 days): send it back as device_token when logging in again"),
});

export const MeOut = UserOut.extend({ created_at: iso, last_login_at: iso.nullable(), session_id: z.string() });

export const ApprovalListOut = z.object({ server_time: iso, items: z.array(ApprovalOut) });

export const DecisionOut = z.object({ approval_request: ApprovalOut });

export const BulkDecisionOut = z.object({
  summary: z.object({ decided: z.number().int(), failed: z.number().int() }),
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true), approval_request: ApprovalOut }),
      z.object({
        id: z.string(),
        ok: z.literal(false),
        status: z.number().int().describe("the HTTP status a single decision would have answered"),
        error: z.object({ code: z.string().describe("approval_expired, approval_already_decided, approval_not_found"), message: z.string(), details: z.unknown().optional() }),
      }),
    ]),
  ).describe("one per id, in the order sent"),
});

export const OkOut = z.object({ ok: z.literal(true) });
