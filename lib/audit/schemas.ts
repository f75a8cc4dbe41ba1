// API shapes for the audit log and the suspicious-activity view.
import { z } from "zod";
import { IsoDateTime } from "../common-schemas";
import { CursorField, LimitField } from "../pagination";
import { AUDIT_ACTIONS } from "./record";

export const AuditLogQuery = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  user_id: z.string().min(1).max(64).optional().describe("entries whose actor or target is this user"),
  ip_address: z.string().min(1).max(64).optional(),
  from: IsoDateTime.optional().describe("inclusive, ISO 8601"),
  to: IsoDateTime.optional().describe("exclusive, ISO 8601"),
  cursor: CursorField.optional(),
  limit: LimitField,
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditActor = z.object({ id: z.string(), email: z.string(), full_name: z.string() }).nullable();

export const AuditEntryOut = z.object({
  id: z.string(),
  action: z.string(),
  actor: AuditActor,
  actor_id: z.string().nullable(),
  target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
  ip_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  device_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime(),
});
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;

export const AuditLogPage = z.object({ entries: z.array(AuditEntryOut), next_cursor: z.string().nullable() });
export type AuditLogPage = z.infer<typeof AuditLogPage>;

export const SuspiciousReport = z.object({
  generated_at: z.iso.datetime(),
  failed_login_ips: z.array(z.object({ ip_address: z.string(), failures: z.number().int(), last_at: z.iso.datetime() })),
  shared_devices: z.array(
    z.object({
      device_id: z.string(),
      users: z.array(z.object({ id: z.string(), email: z.string(), full_name: z.string() })),
      events: z.number().int(),
      last_at: z.iso.datetime(),
    }),
  ),
  failed_scan_events: z.array(
    z.object({
      event_id: z.string(),
      title: z.string(),
      failed: z.number().int(),
      marked: z.number().int(),
      failed_rate: z.number().describe("percent of scans that failed"),
    }),
  ),
  refresh_token_reuse: z.array(
    z.object({ id: z.string(), user_id: z.string().nullable(), ip_address: z.string().nullable(), created_at: z.iso.datetime() }),
  ),
});
export type SuspiciousReport = z.infer<typeof SuspiciousReport>;
