// A course's sessions in date order, each with its state and counts, linking to its event page
// (the live roster) and to its projector (Project, as on the lecturer's start page). Server
// component; the counts come from the course report.
import Link from "next/link";
import { Time } from "@/components/ui/Time";
import type { CourseReport } from "@/lib/courses/course-report";

// `relative`: the Project links' visually hidden titles are absolutely positioned; without a
// positioned scroll box they escape its clipping and widen the whole page on a phone.
export function CourseSessions({ sessions, now }: { sessions: CourseReport["sessions"]; now: Date }) {
  if (sessions.length === 0) return <p className="text-slate-600" data-testid="course-sessions-empty">No sessions yet: create a weekly series below, or an event for this course.</p>;
  return (
    <div className="relative max-h-[28rem] overflow-auto rounded-xl border border-slate-200 bg-white" role="region" aria-label="Sessions" tabIndex={0}>
      <table className="w-full text-left text-sm tabular-nums" data-testid="course-sessions">
        <thead className="sticky top-0 bg-slate-50 text-slate-700">
          <tr><th className="px-3 py-2">When</th><th className="px-3 py-2">Session</th><th className="px-3 py-2">State</th><th className="px-3 py-2 text-right">Came</th><th className="px-3 py-2 text-right">Excused</th><th className="px-3 py-2 text-right">Absent</th><th className="px-3 py-2"><span className="sr-only">Project</span></th></tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const came = s.totals.present + s.totals.late;
            const expected = came + s.totals.excused + s.totals.absent + s.totals.not_marked;
            const open = !s.held && new Date(s.starts_at) <= now;
            return (
              <tr key={s.id} className="border-t border-slate-100" data-testid="course-session">
                <td className="px-3 py-2 whitespace-nowrap"><Time value={s.starts_at} zone="college" /></td>
                <td className="px-3 py-2"><Link href={`/admin/events/${s.id}`} className="font-medium underline">{s.title}</Link></td>
                <td className="px-3 py-2">{s.held ? "held" : open ? "in progress" : "upcoming"}</td>
                <td className="px-3 py-2 text-right">{s.held || open ? `${came} of ${expected}` : ""}</td>
                <td className="px-3 py-2 text-right">{s.held || open ? s.totals.excused : ""}</td>
                <td className="px-3 py-2 text-right">{s.held ? s.totals.absent : ""}</td>
                <td className="px-3 py-2">
                  <Link href={`/admin/events/${s.id}/present`} className="inline-flex min-h-11 items-center rounded-lg border border-brand-700 px-3 font-semibold text-brand-700" data-testid="course-session-project">
                    Project<span className="sr-only"> {s.title}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
