import type { Metadata } from "next";
import Link from "next/link";
import { LiveMetrics } from "@/components/admin/LiveMetrics";
import { requirePageCapability } from "@/lib/auth/current-user";
import { collectMetrics } from "@/lib/metrics/collect-metrics";

export const metadata: Metadata = { title: "Dashboard" };

export default async function KpiDashboardPage() {
  const { ctx } = await requirePageCapability("operations:view", undefined, "/admin/dashboard");
  const metrics = await collectMetrics(ctx);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <nav aria-label="Oversight" className="flex gap-3 text-sm font-medium">
          <Link href="/admin/suspicious" className="text-brand-700 hover:underline">Suspicious activity</Link>
          <Link href="/admin/audit" className="text-brand-700 hover:underline">Audit log</Link>
          <Link href="/admin/outbox" className="text-brand-700 hover:underline">Outgoing mail</Link>
          <Link href="/docs" className="text-brand-700 hover:underline">API docs</Link>
        </nav>
      </div>
      <LiveMetrics initial={metrics} />
    </div>
  );
}
