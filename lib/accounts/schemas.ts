// The account API's shapes: the single source for route validation, the forms and OpenAPI.
// Strict objects: an unknown field is a 400, not silently ignored.
import { z } from "zod";

const email = z.string().trim().max(254).pipe(z.email());
/** bcrypt reads at most 72 bytes; the policy reports longer ones, this only bounds the input. */
const password = z.string().min(1).max(200);

export const SignupBody = z.strictObject({
  email,
  password,
  full_name: z.string().trim().min(1).max(120),
});
export type SignupInput = z.infer<typeof SignupBody>;

export const LoginBody = z.strictObject({ email, password });
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
export const IdParams = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "not an id") });

export const DecisionBody = z.discriminatedUnion("decision", [
  z.strictObject({ decision: z.literal("approved"), approved_role: z.enum(["student", "admin"]) }),
  z.strictObject({ decision: z.literal("rejected"), reason: z.string().trim().max(500).optional() }),
]);
export type DecisionInput = z.infer<typeof DecisionBody>;
