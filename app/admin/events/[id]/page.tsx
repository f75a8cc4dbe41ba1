import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventControls } from "@/components/admin/events/EventControls";
import { EventForm } from "@/components/admin/events/EventForm";
import { LiveRoster } from "@/components/admin/events/LiveRoster";
import { ManualMarkForm } from "@/components/admin/events/ManualMark";
import { getFullRoster } from "@/lib/attendance/get-roster";
import { userCan, userRights } from "@/lib/auth/authorize";
import { requirePageCapability } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { getEvent } from "@/lib/events/get-event";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9A-Za-z]{12}$/.test(id)) notFound();
  const { ctx, user } = await requirePageCapability("event:view", { eventId: id }, `/admin/events/${id}`);
  const target = { eventId: id };
  const [event, roster, can] = await Promise.all([
    getEvent(ctx, id),
    getFullRoster(ctx, id),
    userRights(ctx, user, target, ["checkin:run", "event:edit", "event:delete", "attendance:view", "attendance:mark", "attendance:unmark"]),
  ]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const [run, edit, remove, read, mark, unmark] = [can["checkin:run"], can["event:edit"], can["event:delete"], can["attendance:view"], can["attendance:mark"], can["attendance:unmark"]];
  const enrol = roster.course ? await userCan(ctx, user, "roster:manage", { courseId: roster.course.id }) : false;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/admin/events" className="text-sm underline">← Events</Link>
        <h1 className="text-2xl font-bold" data-testid="event-title">{event.title}</h1>
        {/* the class's date, time and zone: the college's, the zone timetables are written in */}
        <p className="font-medium text-slate-800" data-testid="event-when">
          <Time value={event.starts_at} end={event.ends_at} zone="college" />
          {event.location && <span className="font-normal text-slate-600"> · {event.location}</span>}
        </p>
        <p className="text-sm text-slate-600">Check-in: <strong data-testid="checkin-state">{event.checkin_state.replace("_", " ")}</strong>{event.archived_at && " · archived"}</p>
        <EventControls id={id} open={event.checkin_open} archived={Boolean(event.archived_at)} attendanceCount={roster.counts.total} can={{ run, edit, remove }} />
      </div>
      <section className="space-y-3" aria-labelledby="roster-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="roster-heading" className="text-lg font-semibold">
            Attendance{roster.course && <> · <Link href={`/admin/courses/${roster.course.id}`} className="underline">{roster.course.code}</Link></>}
          </h2>
          {read && <a href={`/api/events/${id}/attendance.csv`} className="text-sm font-medium underline" download>Download CSV</a>}
        </div>
        <LiveRoster eventId={id} courseId={roster.course?.id ?? null} initial={roster} can={{ mark, unmark, enrol }} />
        {mark && (
          <details className="rounded-xl border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer text-sm font-medium">{roster.course ? "Mark someone who is not on the roster, by email" : "Mark a student by email"}</summary>
            <div className="mt-3"><ManualMarkForm eventId={id} /></div>
          </details>
        )}
      </section>
      {edit && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Edit</h2>
          <EventForm initial={event} />
        </section>
      )}
    </div>
  );
}
