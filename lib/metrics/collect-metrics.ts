// The admin dashboard's live figures (docs/design.md#notifications-and-audit, #performance): in-process latencies,
// rates computed from the database, pending approvals, today's events and the last backup.
import { systemClock } from "../clock";
import type { Ctx } from "../context";
import { liveInstances } from "../server/instances";
import { instanceIdentity } from "../server/identity";
import { redactSecrets } from "../security/redact";
import { outboxSummary } from "../mail/outbox-summary";
import type { OutboxSummary } from "../mail/schemas";
import { failureRate } from "../audit/suspicious";
import { eventLoopDelay, type EventLoopDelay } from "./event-loop";
import { latencySummary, WINDOW_MS, type TimedMetric } from "./recorder";
import type { BackupStatusOut, MetricsOut } from "./schemas";
import { THRESHOLDS, statusFor, type MetricStatus } from "./status";

const FIVE_MIN_MS = 5 * 60_000;

function latency(name: TimedMetric) {
  const s = latencySummary(name);
  return { ...s, status: statusFor(s.p95_ms, THRESHOLDS[name]), threshold: THRESHOLDS[name] };
}

/** Backup freshness: red when the last run failed or is older than two intervals. */
export function backupStatus(
  last: { startedAt: Date; finishedAt: Date | null; ok: boolean; file: string | null; sizeBytes: number | null; error: string | null } | null,
  now: Date,
  intervalHours: number,
  configured: boolean,
): BackupStatusOut {
  let status: MetricStatus = "unknown";
  if (last) {
    const age = now.getTime() - last.startedAt.getTime();
    const interval = intervalHours * 3_600_000;
    status = !last.ok || age > 2 * interval ? "red" : age > interval ? "amber" : "green";
  } else if (configured) {
    status = "amber"; // scheduled but none taken yet
  }
  return {
    configured,
    interval_hours: intervalHours,
    last: last && {
      started_at: last.startedAt.toISOString(),
      finished_at: last.finishedAt?.toISOString() ?? null,
      ok: last.ok,
      file: last.file,
      size_bytes: last.sizeBytes,
      // runs stored before errors were redacted where written may still hold a secret
      error: last.error === null ? null : redactSecrets(last.error),
    },
    status,
  };
}

/** Mail health: failures need a look; with a relay, mail that waits long means it is not going out. */
export function outboxStatus(o: OutboxSummary): MetricStatus {
  if (o.failed_last_24h > 0) return "red";
  // without SMTP_URL, waiting is the design (admins read it at /admin/outbox)
  if (!o.smtp_configured || o.oldest_pending_age_seconds === null) return "green";
  if (o.oldest_pending_age_seconds > 3600) return "red";
  return o.oldest_pending_age_seconds > 600 ? "amber" : "green";
}

/** The event loop's last minute, with its colour (null when this process does not measure it). */
export function eventLoopStatus(d: EventLoopDelay | null): MetricsOut["event_loop"] {
  return d && { ...d, status: statusFor(d.max_delay_ms, THRESHOLDS.event_loop), threshold: THRESHOLDS.event_loop };
}

export async function collectMetrics(ctx: Ctx): Promise<MetricsOut> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const [failedScans, markedScans, loginFailures, pending, events, lastBackup, instances, outbox] = await Promise.all([
    db.auditLog.count({ where: { action: "attendance_failed", createdAt: { gte: windowStart } } }),
    db.auditLog.count({ where: { action: "attendance_marked", createdAt: { gte: windowStart } } }),
    db.auditLog.groupBy({
      by: ["ipAddress"],
      where: { action: "login_failed", createdAt: { gte: new Date(now.getTime() - FIVE_MIN_MS) }, ipAddress: { not: null } },
      _count: { _all: true },
      orderBy: { _count: { ipAddress: "desc" } },
      take: 1,
    }),
    db.approvalRequest.count({ where: { status: "pending", expiresAt: { gt: now } } }),
    db.event.findMany({
      where: { archivedAt: null, startsAt: { lt: dayEnd }, endsAt: { gte: dayStart } },
      orderBy: { startsAt: "asc" },
      take: 50,
      select: { id: true, title: true, startsAt: true, endsAt: true, checkinOpenedAt: true, checkinClosedAt: true },
    }),
    db.backupRun.findFirst({ orderBy: { startedAt: "desc" } }),
    // heartbeats are real time, whatever clock this request runs on
    liveInstances(db, systemClock.now()),
    outboxSummary(ctx),
  ]);
  // the schedule as the running instances report it: the same answer from every instance
  const scheduled = instances.map((i) => i.backupIntervalHours).filter((h): h is number => h !== null);
  const intervalHours = scheduled.length ? Math.min(...scheduled) : ctx.config.BACKUP_INTERVAL_HOURS;
  const percent = failedScans + markedScans === 0 ? null : failureRate(failedScans, markedScans);
  const worst = loginFailures[0];
  const maxPerIp = worst?._count._all ?? 0;
  const self = instanceIdentity(ctx.config.PORT);
  return {
    generated_at: now.toISOString(),
    instance: { id: self.id, name: self.name, started_at: self.startedAt.toISOString() },
    instances: instances.map((i) => ({ id: i.id, name: i.name, started_at: i.startedAt.toISOString(), seen_at: i.seenAt.toISOString() })),
    window_minutes: WINDOW_MS / 60_000,
    latency: { qr_verification: latency("qr_verification"), login: latency("login"), mark: latency("mark") },
    failed_qr_rate: { failed: failedScans, marked: markedScans, percent, status: statusFor(percent, THRESHOLDS.failed_qr_rate), threshold: THRESHOLDS.failed_qr_rate },
    login_failures_per_ip: {
      max_per_5_min: maxPerIp,
      ip_address: worst?.ipAddress ?? null,
      status: statusFor(maxPerIp, THRESHOLDS.login_failures_per_ip),
      threshold: THRESHOLDS.login_failures_per_ip,
    },
    pending_approvals: pending,
    todays_events: events.map((e) => ({
      id: e.id,
      title: e.title,
      starts_at: e.startsAt.toISOString(),
      ends_at: e.endsAt.toISOString(),
      checkin_open: !!e.checkinOpenedAt && !e.checkinClosedAt && e.endsAt > now,
    })),
    backup: backupStatus(lastBackup, now, intervalHours, scheduled.length > 0),
    event_loop: eventLoopStatus(eventLoopDelay()),
    outbox: { ...outbox, status: outboxStatus(outbox) },
  };
}
