import { z } from "zod";
import { Str } from "../common-schemas";
import { OutboxSummary } from "../mail/schemas";

const Status = z.enum(["green", "amber", "red", "unknown"]);
const Threshold = z.object({ target: z.number(), critical: z.number(), unit: Str });

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
    .object({ started_at: z.iso.datetime(), finished_at: z.iso.datetime().nullable(), ok: z.boolean(), file: Str.nullable(), size_bytes: z.number().nullable(), error: Str.nullable() })
    .nullable(),
  status: Status.describe("red when the last backup failed or is older than two intervals"),
});

const InstanceOut = z.object({
  id: Str.describe("the instance's heartbeat id (server_instances.id; instance_id on its log lines)"),
  name: Str.nullable().describe("host:port — the address to scrape this instance's own metrics at"),
  started_at: z.iso.datetime(),
});

export const MetricsOut = z.object({
  generated_at: z.iso.datetime(),
  instance: InstanceOut.describe("the instance that answered: latencies are its own, in-process figures"),
  instances: z.array(InstanceOut.extend({ seen_at: z.iso.datetime() })).describe("every running instance (heartbeat in the last 15 s); scrape each by its name"),
  window_minutes: z.number().int(),
  latency: z.object({ qr_verification: LatencyMetric, login: LatencyMetric, mark: LatencyMetric }),
  failed_qr_rate: z.object({ failed: z.number().int(), marked: z.number().int(), percent: z.number().nullable(), status: Status, threshold: Threshold }),
  login_failures_per_ip: z.object({
    max_per_5_min: z.number().int(),
    ip_address: Str.nullable(),
    status: Status,
    threshold: Threshold,
  }),
  pending_approvals: z.number().int(),
  todays_events: z.array(z.object({ id: Str, title: Str, starts_at: z.iso.datetime(), ends_at: z.iso.datetime(), checkin_open: z.boolean() })),
  backup: BackupStatus,
  event_loop: z
    .object({
      window_seconds: z.number().int(),
      max_delay_ms: z.number().describe("the longest the event loop was held: every request on this instance waited at least that long"),
      p99_delay_ms: z.number().describe("the worst 10-second slice's 99th percentile"),
      status: Status.describe("the longest stall against the target/critical"),
      threshold: Threshold,
    })
    .nullable()
    .describe("this instance's event-loop delay over about the last minute (null when not measured)"),
  outbox: OutboxSummary.extend({ status: Status.describe("red when mail failed in the last 24 h or the oldest waits over an hour with SMTP_URL set; amber over 10 minutes") }),
});
export type MetricsOut = z.infer<typeof MetricsOut>;
export type BackupStatusOut = z.infer<typeof BackupStatus>;
