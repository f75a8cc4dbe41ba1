// API shapes for user management by admins.
import { z } from "zod";
import { Str } from "../common-schemas";
import { HumanName } from "../text/clean-name";
import { CursorField, LimitField } from "../pagination";

export { IdParams } from "../common-schemas";

import { ROLES } from "../auth/policy";

export { ROLES };
export const USER_STATUSES = ["pending", "active", "rejected", "expired", "deactivated"] as const;

export const UserListQuery = z.strictObject({
  q: Str.trim().max(200).optional().describe("search in email and full name, ignoring case and accents"),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  cursor: CursorField.optional(),
  limit: LimitField,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UpdateUserBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional().describe("false deactivates; true reactivates a deactivated account"),
    full_name: HumanName.optional(),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined || b.full_name !== undefined, { message: "send role, active and/or full_name" });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const AdminUserOut = z.object({
  id: Str,
  email: Str,
  full_name: Str,
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  active_sessions: z.number().int(),
  passkeys: z.number().int().describe("how many passkeys the user has registered (POST …/revoke-passkeys deletes them)"),
  last_login_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
  locked_until: z.iso.datetime().nullable().describe("failed logins locked the account for untrusted clients until then (POST …/unlock lifts it)"),
});
export type AdminUserOut = z.infer<typeof AdminUserOut>;

export const UserPage = z.object({ users: z.array(AdminUserOut), next_cursor: Str.nullable() });
export const UpdateUserResult = z.object({ user: AdminUserOut, sessions_revoked: z.number().int() });
export const RevokeSessionsResult = z.object({ revoked: z.number().int() });
export const UnlockResult = z.object({
  user: AdminUserOut,
  throttles_cleared: z.number().int().describe("lockout records removed: the account's own and its trusted devices'"),
});
