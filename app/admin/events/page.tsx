import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/admin/events/EventForm";
import { requirePageUser } from "@/lib/auth/current-user";
import { listEvents } from "@/lib/events/list-events";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const { ctx } = await requirePageUser("admin", "/admin/events");
  const archived = (await searchParams).archived === "true" ? "true" : "false";
  const { events } = await listEvents(ctx, { archived, limit: 200 });
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Events</h1>
        <Link href={archived === "true" ? "/admin/events" : "/admin/events?archived=true"} className="text-sm underline">
          {archived === "true" ? "Show current events" : "Show archived events"}
        </Link>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="stack-table w-full text-left text-sm" data-testid="events-table">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className="px-4 py-2">Title</th><th className="px-4 py-2">When</th><th className="px-4 py-2">Where</th><th className="px-4 py-2">Check-in</th><th className="px-4 py-2 text-right">Marked</th></tr>
          </thead>
          <tbody>
            {events.length === 0 && <tr><td colSpan={5} className="px-4 py-6 text-center text-slate-500">No events yet.</td></tr>}
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-medium"><Link href={`/admin/events/${e.id}`} className="text-brand-700 underline">{e.title}</Link></td>
                <td className="px-4 py-2 sm:whitespace-nowrap" data-label="When"><Time value={e.starts_at} end={e.ends_at} now={ctx.clock.now()} /></td>
                <td className="px-4 py-2" data-label="Where">{e.location}</td>
                <td className="px-4 py-2" data-label="Check-in">{e.checkin_state.replace("_", " ")}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-label="Marked">{e.attendance_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">New event</h2>
        <EventForm />
      </section>
    </div>
  );
}
