// The outbox on the admin dashboard: what waits, what failed in the last day, how long the
// oldest has waited, and the way to /admin/outbox. Plain props: it renders inside LiveMetrics.
import Link from "next/link";
import { StatusBadge } from "@/components/admin/StatusBadge";
import type { MetricsOut } from "@/lib/metrics/schemas";

/** "45 s", "12 min", "3 h", "2 days" */
export function waitedFor(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

export function OutboxCard({ outbox }: { outbox: MetricsOut["outbox"] }) {
  return (
    <Link href="/admin/outbox" className="rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-600" data-testid="outbox-status">
      <span className="flex items-center justify-between text-sm text-slate-600">
        Outgoing mail <StatusBadge status={outbox.status} testId="outbox-badge" />
      </span>
      <span className="mt-1 block text-sm">
        <span data-testid="outbox-pending" className="text-3xl font-bold">{outbox.pending}</span> waiting
        {outbox.oldest_pending_age_seconds !== null && <> · oldest {waitedFor(outbox.oldest_pending_age_seconds)}</>}
      </span>
      <span className="block text-sm">
        <span data-testid="outbox-failed">{outbox.failed_last_24h}</span> failed in the last 24 h
      </span>
      {!outbox.smtp_configured && <span className="mt-1 block text-xs text-slate-600">No mail relay set (SMTP_URL): read mail here.</span>}
    </Link>
  );
}
