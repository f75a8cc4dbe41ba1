import { z } from "zod";

const Status = z.enum(["green", "amber", "red", "unknown"]);
const Threshold = z.object({ target: z.number(), critical: z.number(), unit: z.string() });

export const LatencyMetric = z.object({
  count: z.number().int(),
  p50_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
  status: Status.describe("p95 against the seed's target/critical"),
  threshold: Threshold,
});

export const BackupStatus = z.object({
  configured: z.boolean().describe("a running instance has BACKUP_DIR set (read from the database: the same answer from every instance)"),
  interval_hours: z.number().int(),
  last: z
    .object({ started_at: z.iso.datetime(), finished_at: z.iso.datetime().nullable(), ok: z.boolean(), file: z.string().nullable(), size_bytes: z.number().nullable(), error: z.string().nullable() })
    .nullable(),
  status: Status.describe("red when the last backup failed or is older than two intervals"),
});

export const MetricsOut = z.object({
  generated_at: z.iso.datetime(),
  window_minutes: z.number().int(),
  latency: z.object({ qr_verification: LatencyMetric, login: LatencyMetric, mark: LatencyMetric }),
  failed_qr_rate: z.object({ failed: z.number().int(), marked: z.number().int(), percent: z.number().nullable(), status: Status, threshold: Threshold }),
  login_failures_per_ip: z.object({
    max_per_5_min: z.number().int(),
    ip_address: z.string().nullable(),
    status: Status,
    threshold: Threshold,
  }),
  pending_approvals: z.number().int(),
  todays_events: z.array(z.object({ id: z.string(), title: z.string(), starts_at: z.iso.datetime(), ends_at: z.iso.datetime(), checkin_open: z.boolean() })),
  backup: BackupStatus,
});
export type MetricsOut = z.infer<typeof MetricsOut>;
export type BackupStatusOut = z.infer<typeof BackupStatus>;
