// API shapes for the audit log and the suspicious-activity view.
import { z } from "zod";
import { IsoDateTime, Str } from "../common-schemas";
import { CursorField, LimitField } from "../pagination";
import { AUDIT_ACTIONS } from "./record";

export const AuditLogQuery = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  user_id: Str.min(1).max(64).optional().describe("entries whose actor or target is this user"),
  ip_address: Str.min(1).max(64).optional(),
  from: IsoDateTime.optional().describe("inclusive, ISO 8601"),
  to: IsoDateTime.optional().describe("exclusive, ISO 8601"),
  cursor: CursorField.optional(),
  limit: LimitField,
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditActor = z.object({ id: Str, email: Str, full_name: Str }).nullable();

export const AuditEntryOut = z.object({
  id: Str,
  action: Str,
  actor: AuditActor,
  actor_id: Str.nullable(),
  target: z.object({ type: Str.nullable(), id: Str.nullable() }),
  ip_address: Str.nullable(),
  user_agent: Str.nullable(),
  device_id: Str.nullable(),
  details: z.record(Str, z.unknown()),
  created_at: z.iso.datetime(),
});
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;

export const AuditLogPage = z.object({ entries: z.array(AuditEntryOut), next_cursor: Str.nullable() });
export type AuditLogPage = z.infer<typeof AuditLogPage>;

export const SuspiciousReport = z.object({
  generated_at: z.iso.datetime(),
  failed_login_ips: z.array(z.object({ ip_address: Str, failures: z.number().int(), last_at: z.iso.datetime() })),
  shared_devices: z.array(
    z.object({
      device_id: Str,
      users: z.array(z.object({ id: Str, email: Str, full_name: Str })),
      events: z.number().int(),
      last_at: z.iso.datetime(),
    }),
  ),
  failed_scan_events: z.array(
    z.object({
      event_id: Str,
      title: Str,
      failed: z.number().int(),
      marked: z.number().int(),
      failed_rate: z.number().describe("percent of scans that failed"),
    }),
  ),
  refresh_token_reuse: z.array(
    z.object({ id: Str, user_id: Str.nullable(), ip_address: Str.nullable(), created_at: z.iso.datetime() }),
  ),
  staff_passkeys_added: z
    .array(
      z.object({
        id: Str.describe("the audit entry"),
        user: z.object({ id: Str, email: Str, full_name: Str, role: Str }),
        passkey_name: Str,
        ip_address: Str.nullable(),
        created_at: z.iso.datetime(),
      }),
    )
    .describe("passkeys added to staff (instructor, admin) accounts in the last 7 days: each one should be expected by its owner"),
});
export type SuspiciousReport = z.infer<typeof SuspiciousReport>;
