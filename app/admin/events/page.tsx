import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/admin/events/EventForm";
import { requireStaffArea } from "@/lib/auth/current-user";
import { allows } from "@/lib/auth/policy";
import { listCourses } from "@/lib/courses/list-courses";
import { CourseListQuery } from "@/lib/courses/schemas";
import { listEvents } from "@/lib/events/list-events";
import { ShortIdSchema } from "@/lib/events/schemas";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Events" };

type Tab = "upcoming" | "past" | "archived";
const TABS: [Tab, string][] = [["upcoming", "Today and upcoming"], ["past", "Past"], ["archived", "Archived"]];
const EMPTY: Record<Tab, string> = { upcoming: "No events today or later.", past: "No past events.", archived: "No archived events." };

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ show?: string; archived?: string; course?: string }> }) {
  const { ctx, user } = await requireStaffArea("/admin/events");
  const sp = await searchParams;
  // ?archived=true is the older address of the archived tab
  const tab: Tab = sp.show === "past" ? "past" : sp.show === "archived" || sp.archived === "true" ? "archived" : "upcoming";
  const courseId = ShortIdSchema.safeParse(sp.course).success ? sp.course : undefined;
  const [{ events }, { items: courses }] = await Promise.all([
    listEvents(ctx, user, { archived: tab === "archived" ? "true" : "false", when: tab === "archived" ? "all" : tab, course_id: courseId, limit: 200 }),
    listCourses(ctx, user, CourseListQuery.parse({ archived: "all", limit: 500 })),
  ]);
  const codeOf = new Map(courses.map((c) => [c.id, c.code]));
  const href = (t: Tab, course = courseId) => {
    const q = new URLSearchParams({ ...(t !== "upcoming" && { show: t }), ...(course && { course }) }).toString();
    return q ? `/admin/events?${q}` : "/admin/events";
  };
  const now = ctx.clock.now();
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">Events</h1>
        <nav aria-label="Which events" className="flex flex-wrap gap-2">
          {TABS.map(([t, label]) => (
            <Link key={t} href={href(t)} aria-current={t === tab ? "page" : undefined} data-testid={`events-tab-${t}`}
              className={`inline-flex min-h-11 items-center rounded-lg border px-3 font-semibold ${t === tab ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}>
              {label}
            </Link>
          ))}
        </nav>
        <form method="get" action="/admin/events" className="flex min-w-0 max-w-full flex-wrap items-end gap-2" data-testid="events-course-filter">
          {tab !== "upcoming" && <input type="hidden" name="show" value={tab} />}
          {/* a long course title must not widen the page on a phone: the select keeps to the width there is */}
          <label className="min-w-0 max-w-full text-sm font-medium">
            Course
            <select name="course" defaultValue={courseId ?? ""} className="mt-1 block min-h-11 w-full max-w-full truncate rounded-lg border border-slate-300 bg-white px-3 py-2">
              <option value="">All events</option>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>{c.code} {c.title}{c.term_label ? ` (${c.term_label})` : ""}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">Show</button>
          {courseId && <Link href={href(tab, undefined)} className="min-h-11 py-2 text-sm underline">Clear the course filter</Link>}
        </form>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="stack-table w-full text-left text-sm" data-testid="events-table">
          <thead className="bg-slate-50 text-slate-600">
            <tr><th className="px-4 py-2">Title</th><th className="px-4 py-2">When</th><th className="px-4 py-2">Course</th><th className="px-4 py-2">Where</th><th className="px-4 py-2">Check-in</th><th className="px-4 py-2 text-right">Marked</th></tr>
          </thead>
          <tbody>
            {events.length === 0 && <tr><td colSpan={6} className="px-4 py-6 text-center text-slate-500">{EMPTY[tab]}</td></tr>}
            {events.map((e) => (
              <tr key={e.id} className="border-t border-slate-100" data-testid="events-row">
                <td className="px-4 py-2 font-medium"><Link href={`/admin/events/${e.id}`} className="text-brand-700 underline">{e.title}</Link></td>
                <td className="px-4 py-2 sm:whitespace-nowrap" data-label="When"><Time value={e.starts_at} end={e.ends_at} now={now} /></td>
                <td className="px-4 py-2" data-label="Course">{e.course_id ? <Link href={`/admin/courses/${e.course_id}`} className="underline">{codeOf.get(e.course_id) ?? "course"}</Link> : "—"}</td>
                <td className="px-4 py-2" data-label="Where">{e.location}</td>
                <td className="px-4 py-2" data-label="Check-in">{e.checkin_state.replace("_", " ")}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-label="Marked">{e.attendance_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {allows(user, "event:create", { kind: "site" }) && (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">New event</h2>
          <EventForm />
        </section>
      )}
    </div>
  );
}
