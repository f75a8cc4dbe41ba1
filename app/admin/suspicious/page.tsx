import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/ui/Time";
import { requirePageCapability } from "@/lib/auth/current-user";
import { FAILED_LOGIN_BURST, FAILED_SCAN_RATE_PERCENT, findSuspiciousActivity } from "@/lib/audit/suspicious";
import { TableHead } from "@/components/ui/TableHead";

export const metadata: Metadata = { title: "Suspicious activity" };

function Section({ title, empty, count, children, testId }: { title: string; empty: string; count: number; children: React.ReactNode; testId: string }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="font-semibold">
        {title} <span className="text-slate-500">({count})</span>
      </h2>
      {count === 0 ? <p className="mt-2 text-sm text-slate-500">{empty}</p> : <div className="mt-2 overflow-x-auto">{children}</div>}
    </section>
  );
}

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2";

export default async function SuspiciousPage() {
  const { ctx } = await requirePageCapability("audit:view", undefined, "/admin/suspicious");
  const r = await findSuspiciousActivity(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Suspicious activity</h1>
        <p className="text-sm text-slate-500">As of <Time value={r.generated_at} style="datetime-seconds" />. Reload for the latest.</p>
      </div>
      <Section title={`IPs with more than ${FAILED_LOGIN_BURST} failed logins in the last hour`} empty="None." count={r.failed_login_ips.length} testId="suspicious-ips">
        <table className="w-full text-left text-sm">
          <TableHead className="text-slate-600" cellClassName={th} columns={["IP address", "Failures", "Last", <span key="audit" className="sr-only">Audit</span>]} />
          <tbody>
            {r.failed_login_ips.map((i) => (
              <tr key={i.ip_address} className="border-t border-slate-100">
                <td className={`${td} font-mono`}>{i.ip_address}</td>
                <td className={td}>{i.failures}</td>
                <td className={td}><Time value={i.last_at} style="datetime-seconds" /></td>
                <td className={td}><Link className="text-brand-700 hover:underline" href={`/admin/audit?action=login_failed&ip_address=${encodeURIComponent(i.ip_address)}`}>Audit entries</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Devices shared between accounts (last 30 days)" empty="None." count={r.shared_devices.length} testId="suspicious-devices">
        <table className="w-full text-left text-sm">
          <TableHead className="text-slate-600" cellClassName={th} columns={["Device", "Accounts", "Marks", "Last"]} />
          <tbody>
            {r.shared_devices.map((d) => (
              <tr key={d.device_id} className="border-t border-slate-100 align-top">
                <td className={`${td} font-mono text-xs`}>{d.device_id.slice(0, 12)}…</td>
                <td className={td}>{d.users.map((u) => <span key={u.id} className="block">{u.full_name} &lt;{u.email}&gt;</span>)}</td>
                <td className={td}>{d.events}</td>
                <td className={td}><Time value={d.last_at} style="datetime-seconds" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`Events with a failed-scan rate over ${FAILED_SCAN_RATE_PERCENT} % (last 7 days)`} empty="None." count={r.failed_scan_events.length} testId="suspicious-events">
        <table className="w-full text-left text-sm">
          <TableHead className="text-slate-600" cellClassName={th} columns={["Event", "Failed", "Marked", "Failed rate"]} />
          <tbody>
            {r.failed_scan_events.map((e) => (
              <tr key={e.event_id} className="border-t border-slate-100">
                <td className={td}><Link className="text-brand-700 hover:underline" href={`/admin/events/${e.event_id}`}>{e.title}</Link></td>
                <td className={td}>{e.failed}</td>
                <td className={td}>{e.marked}</td>
                <td className={td}>{e.failed_rate} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Passkeys added to staff accounts (last 7 days)" empty="None." count={r.staff_passkeys_added.length} testId="suspicious-staff-passkeys">
        <table className="w-full text-left text-sm">
          <TableHead className="text-slate-600" cellClassName={th} columns={["When", "Account", "Passkey", "IP address"]} />
          <tbody>
            {r.staff_passkeys_added.map((x) => (
              <tr key={x.id} className="border-t border-slate-100">
                <td className={td}><Time value={x.created_at} style="datetime-seconds" /></td>
                <td className={td}><Link className="text-brand-700 hover:underline" href={`/admin/audit?user_id=${encodeURIComponent(x.user.id)}`}>{x.user.full_name} &lt;{x.user.email}&gt;</Link> ({x.user.role})</td>
                <td className={td}>{x.passkey_name}</td>
                <td className={`${td} font-mono`}>{x.ip_address ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Refresh-token reuse (last 7 days)" empty="None." count={r.refresh_token_reuse.length} testId="suspicious-reuse">
        <table className="w-full text-left text-sm">
          <TableHead className="text-slate-600" cellClassName={th} columns={["When", "User", "IP address"]} />
          <tbody>
            {r.refresh_token_reuse.map((x) => (
              <tr key={x.id} className="border-t border-slate-100">
                <td className={td}><Time value={x.created_at} style="datetime-seconds" /></td>
                <td className={td}>{x.user_id ? <Link className="text-brand-700 hover:underline" href={`/admin/audit?user_id=${encodeURIComponent(x.user_id)}`}>{x.user_id}</Link> : "—"}</td>
                <td className={`${td} font-mono`}>{x.ip_address ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
