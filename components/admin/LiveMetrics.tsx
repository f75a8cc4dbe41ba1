"use client";
// The dashboard's live figures: server-rendered first, then refreshed from GET /api/admin/metrics.
import Link from "next/link";
import { useEffect, useState } from "react";
import type { MetricsOut } from "@/lib/metrics/schemas";
import { callApi } from "@/lib/client/call-api";
import { StatusBadge } from "./StatusBadge";
import { TableHead } from "@/components/ui/TableHead";
import { Time } from "@/components/ui/Time";
import { OutboxCard } from "@/components/mail/OutboxCard";

const POLL_MS = 5000;
const fmt = (v: number | null, unit: string) => (v === null ? "—" : `${v} ${unit}`);

export function LiveMetrics({ initial }: { initial: MetricsOut }) {
  const [m, setM] = useState(initial);
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const res = await callApi("GET /api/admin/metrics");
      if (res.ok) setM(res.data);
      setStale(!res.ok);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const rows = [
    { key: "qr_verification", name: "QR verification", l: m.latency.qr_verification },
    { key: "login", name: "Login", l: m.latency.login },
    { key: "mark", name: "Attendance mark", l: m.latency.mark },
  ] as const;

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-500" aria-live="polite">
        Updated <Time value={m.generated_at} style="time-seconds" />
        {stale && <span className="ml-2 font-medium text-amber-700">(could not refresh; retrying)</span>}
      </p>
      <section aria-labelledby="counts" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="counts" className="sr-only">Today</h2>
        <Link href="/admin/approvals" className="rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-600">
          <p className="text-sm text-slate-600">Pending approvals</p>
          <p data-testid="pending-approvals" className="text-3xl font-bold">{m.pending_approvals}</p>
        </Link>
        <Link href="/admin/events" className="rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-600">
          <p className="text-sm text-slate-600">Events today</p>
          <p data-testid="todays-events" className="text-3xl font-bold">{m.todays_events.length}</p>
        </Link>
        <div className="rounded-xl border border-slate-200 bg-white p-4" data-testid="backup-status">
          <p className="flex items-center justify-between text-sm text-slate-600">
            Last backup <StatusBadge status={m.backup.status} testId="backup-badge" />
          </p>
          <p className="mt-1 text-sm">
            {m.backup.last ? (
              <>
                <Time value={m.backup.last.started_at} now={m.generated_at} />{" "}
                {m.backup.last.ok ? "— verified" : `— failed: ${m.backup.last.error ?? "unknown error"}`}
              </>
            ) : m.backup.configured ? (
              "Scheduled; none taken yet."
            ) : (
              "Not scheduled (set BACKUP_DIR)."
            )}
          </p>
        </div>
        <OutboxCard outbox={m.outbox} />
      </section>

      <section aria-labelledby="perf" className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <h2 id="perf" className="px-4 pt-4 font-semibold">Performance (last {m.window_minutes} minutes, this instance)</h2>
        <p className="px-4 text-sm text-slate-600" data-testid="metrics-instance">
          Measured by instance {m.instance.name ?? m.instance.id}
          {m.instances.length > 1 ? ` — one of ${m.instances.length} running; each measures its own requests` : ""}.
        </p>
        <table className="stack-table mt-2 w-full text-left text-sm">
          <TableHead cellClassName="px-4 py-2 font-medium" columns={["Metric", "Now", "Target", "Critical", "Status"]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-slate-100" data-testid={`metric-${r.key}`}>
                <th scope="row" className="px-4 py-2 font-medium">{r.name}</th>
                <td className="px-4 py-2" data-label="Now">
                  p50 {fmt(r.l.p50_ms, "ms")} · p95 {fmt(r.l.p95_ms, "ms")} <span className="text-slate-500">({r.l.count})</span>
                </td>
                <td className="px-4 py-2" data-label="Target">&lt; {r.l.threshold.target} ms</td>
                <td className="px-4 py-2" data-label="Critical">&gt; {r.l.threshold.critical} ms</td>
                <td className="px-4 py-2" data-label="Status"><StatusBadge status={r.l.status} /></td>
              </tr>
            ))}
            <tr className="border-t border-slate-100" data-testid="metric-failed_qr_rate">
              <th scope="row" className="px-4 py-2 font-medium">Failed QR rate</th>
              <td className="px-4 py-2" data-label="Now">
                {fmt(m.failed_qr_rate.percent, "%")} <span className="text-slate-500">({m.failed_qr_rate.failed} failed / {m.failed_qr_rate.marked} marked)</span>
              </td>
              <td className="px-4 py-2" data-label="Target">&lt; {m.failed_qr_rate.threshold.target} %</td>
              <td className="px-4 py-2" data-label="Critical">&gt; {m.failed_qr_rate.threshold.critical} %</td>
              <td className="px-4 py-2" data-label="Status"><StatusBadge status={m.failed_qr_rate.status} /></td>
            </tr>
            <tr className="border-t border-slate-100" data-testid="metric-login_failures_per_ip">
              <th scope="row" className="px-4 py-2 font-medium">Login failures per IP</th>
              <td className="px-4 py-2" data-label="Now">
                {m.login_failures_per_ip.max_per_5_min} / 5 min
                {m.login_failures_per_ip.ip_address && <span className="text-slate-500"> ({m.login_failures_per_ip.ip_address})</span>}
              </td>
              <td className="px-4 py-2" data-label="Target">&lt; {m.login_failures_per_ip.threshold.target}</td>
              <td className="px-4 py-2" data-label="Critical">&gt; {m.login_failures_per_ip.threshold.critical}</td>
              <td className="px-4 py-2" data-label="Status"><StatusBadge status={m.login_failures_per_ip.status} /></td>
            </tr>
            {m.event_loop && (
              <tr className="border-t border-slate-100" data-testid="metric-event_loop">
                <th scope="row" className="px-4 py-2 font-medium">Longest wait for the server (last minute)</th>
                <td className="px-4 py-2" data-label="Now">
                  {fmt(m.event_loop.max_delay_ms, "ms")} <span className="text-slate-500">(p99 {fmt(m.event_loop.p99_delay_ms, "ms")})</span>
                </td>
                <td className="px-4 py-2" data-label="Target">&lt; {m.event_loop.threshold.target} ms</td>
                <td className="px-4 py-2" data-label="Critical">&gt; {m.event_loop.threshold.critical} ms</td>
                <td className="px-4 py-2" data-label="Status"><StatusBadge status={m.event_loop.status} /></td>
              </tr>
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="today" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="today" className="font-semibold">Today&apos;s events</h2>
        {m.todays_events.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No events today.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {m.todays_events.map((e) => (
              <li key={e.id} className="flex items-center justify-between py-2">
                <Link href={`/admin/events/${e.id}`} className="font-medium text-brand-700 hover:underline">{e.title}</Link>
                <span className="text-slate-600">
                  <Time value={e.starts_at} end={e.ends_at} now={m.generated_at} />
                  {e.checkin_open && <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-800">check-in open</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
