import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventControls } from "@/components/admin/events/EventControls";
import { EventForm } from "@/components/admin/events/EventForm";
import { ManualMarkForm, UnmarkButton } from "@/components/admin/events/ManualMark";
import { getFullRoster } from "@/lib/attendance/get-roster";
import { requirePageUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { getEvent } from "@/lib/events/get-event";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageUser("admin", `/admin/events/${id}`);
  if (!/^[0-9A-Za-z]{12}$/.test(id)) notFound();
  const [event, roster] = await Promise.all([getEvent(ctx, id), getFullRoster(ctx, id)]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const c = roster.counts;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/admin/events" className="text-sm underline">← Events</Link>
        <h1 className="text-2xl font-bold" data-testid="event-title">{event.title}</h1>
        <p className="text-sm text-slate-600">Check-in: <strong data-testid="checkin-state">{event.checkin_state.replace("_", " ")}</strong>{event.archived_at && " · archived"}</p>
        <EventControls id={id} open={event.checkin_open} archived={Boolean(event.archived_at)} attendanceCount={c.total} />
      </div>
      <section className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Attendance</h2>
          <a href={`/api/events/${id}/attendance.csv`} className="text-sm font-medium underline" download>Download CSV</a>
        </div>
        <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-6" data-testid="roster-counts">
          {[["Marked", c.total], ["Present", c.present], ["Late", c.late], ["Manual", c.manual], ["Shared device", c.device_flagged], ["Failed scans", `${c.failed_scans} (${Math.round(c.failed_scan_rate * 100)}%)`]].map(([k, v]) => (
            <div key={String(k)} className="rounded-lg border border-slate-200 bg-white p-2"><dt className="text-xs text-slate-500">{k}</dt><dd className="text-lg font-bold tabular-nums">{v}</dd></div>
          ))}
        </dl>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="stack-table w-full text-left text-sm" data-testid="roster">
            <thead className="bg-slate-50 text-slate-600"><tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Email</th><th className="px-3 py-2">Time</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">How</th><th className="px-3 py-2"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {roster.attendance.length === 0 && <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-500">Nobody marked yet.</td></tr>}
              {roster.attendance.map((r) => (
                <tr key={r.user_id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{r.full_name}{r.device_flag && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" title="This phone also marked another account">shared device</span>}</td>
                  <td className="px-3 py-2 max-sm:text-slate-600">{r.email}</td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums" data-label="Time"><Time value={r.marked_at} style="time-seconds" /></td>
                  <td className="px-3 py-2" data-label="Status">{r.status}</td>
                  <td className="px-3 py-2" data-label="How" title={r.reason ?? undefined}>{r.method}{r.reason && <span className="sr-only">: {r.reason}</span>}</td>
                  <td className="px-3 py-2 text-right max-sm:pt-2"><UnmarkButton eventId={id} userId={r.user_id} name={r.full_name} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ManualMarkForm eventId={id} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Edit</h2>
        <EventForm initial={event} />
      </section>
    </div>
  );
}
