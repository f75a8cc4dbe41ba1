import type { Metadata } from "next";
import Link from "next/link";
import { MyCourses } from "@/components/courses/MyCourses";
import { myAttendance } from "@/lib/attendance/my-attendance";
import { requirePageUser } from "@/lib/auth/current-user";
import { listCourses } from "@/lib/courses/list-courses";
import { CourseListQuery } from "@/lib/courses/schemas";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "My attendance" };

export default async function HomePage() {
  const { ctx, user } = await requirePageUser("student", "/home");
  const [{ attendance, summary, courses, removed }, { items: assisting }] = await Promise.all([
    myAttendance(ctx, user.id),
    // the courses this student helps to teach (a teaching assistant): listCourses holds only those
    listCourses(ctx, user, CourseListQuery.parse({})),
  ]);
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: ctx.config.COLLEGE_TIMEZONE });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Hi {user.fullName.split(" ")[0]}</h1>
      <Link href="/scan" data-testid="open-scanner" className="block rounded-2xl bg-brand-700 px-6 py-5 text-center text-xl font-bold text-white">Scan the code</Link>
      <dl className="grid grid-cols-3 gap-2 text-center" data-testid="attendance-summary">
        <div className="rounded-xl border border-slate-200 bg-white p-3"><dt className="text-xs text-slate-500">Attended{summary.late > 0 && ` (${summary.late} late)`}</dt><dd className="text-2xl font-bold" data-testid="summary-attended">{summary.attended}</dd></div>
        <div className="rounded-xl border border-slate-200 bg-white p-3"><dt className="text-xs text-slate-500">Excused</dt><dd className="text-2xl font-bold" data-testid="summary-excused">{summary.excused}</dd></div>
        <div className="rounded-xl border border-slate-200 bg-white p-3"><dt className="text-xs text-slate-500">Rate</dt><dd className="text-2xl font-bold">{summary.rate === null ? "–" : `${Math.round(summary.rate * 100)}%`}</dd></div>
      </dl>
      {assisting.length > 0 && (
        <section aria-labelledby="assisting-heading" className="space-y-2" data-testid="assisting">
          <h2 id="assisting-heading" className="text-lg font-semibold">Courses you assist</h2>
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {assisting.map((c) => (
              <li key={c.id} className="px-4 py-3">
                <Link href={`/admin/courses/${c.id}`} className="font-medium text-brand-700 underline">{c.code} {c.title}</Link>
                <span className="block text-sm text-slate-600">{c.term_label || "No term"} · {c.session_count} sessions · project, mark and excuse; read the roster and report</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <MyCourses courses={courses} day={(iso) => day.format(new Date(iso))} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">History</h2>
        {attendance.length === 0 ? (
          <p className="text-slate-600">No attendance yet. Scan the code in your next class.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="attendance-history">
            {attendance.map((a) => (
              <li key={a.event_id} className="flex items-center justify-between gap-3 px-4 py-3">
                <div>
                  <p className="font-medium">{a.title}</p>
                  <p className="text-sm text-slate-500"><Time value={a.marked_at} now={ctx.clock.now()} />{a.location && ` · ${a.location}`}</p>
                </div>
                <span className={`rounded-full px-2.5 py-1 text-xs font-semibold ${a.status === "late" ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-900"}`}>{a.status}{a.method === "manual" && " (manual)"}</span>
              </li>
            ))}
          </ul>
        )}
        {removed.length > 0 && (
          <div className="mt-4">
            <h3 className="mb-1 font-semibold">Marks removed by an organiser</h3>
            <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm" data-testid="attendance-removed">
              {removed.map((r) => (
                <li key={`${r.event_id}-${r.removed_at}`} className="px-4 py-2">
                  <span className="font-medium">{r.title}</span>: your {r.was_status} mark was removed <Time value={r.removed_at} now={ctx.clock.now()} /> — “{r.reason}”
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
