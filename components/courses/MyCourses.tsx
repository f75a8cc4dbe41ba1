// The student home's course section: per enrolled course, the rate against the threshold, the
// sessions missed and the student's own trend (a chart with its numbers in a table). Server
// component; the data is GET /api/attendance/me's `courses`.
import { TrendChart, type TrendPoint } from "@/components/charts/TrendChart";
import { Time } from "@/components/ui/Time";
import type { MyAttendanceOut } from "@/lib/attendance/schemas";
import type { ChartStatus } from "@/components/charts/status-colors";

const STATUS_OF_LETTER: Record<"P" | "L" | "E" | "A", ChartStatus> = { P: "present", L: "late", E: "excused", A: "absent" };
const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);

export function MyCourses({ courses, day }: { courses: MyAttendanceOut["courses"]; day: (iso: string) => string }) {
  if (courses.length === 0) return null;
  return (
    <section aria-labelledby="my-courses-heading" className="space-y-4">
      <h2 id="my-courses-heading" className="text-lg font-semibold">My courses</h2>
      {courses.map((c) => {
        const points: TrendPoint[] = c.trend.flatMap((t) => (t.status ? [{ id: t.event_id, label: day(t.starts_at), status: STATUS_OF_LETTER[t.status] }] : []));
        return (
          <article key={c.course.id} aria-labelledby={`course-${c.course.id}`} className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4" data-testid="my-course" data-course={c.course.code}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`course-${c.course.id}`} className="font-semibold">{c.course.code} <span className="font-normal text-slate-700">{c.course.title}</span></h3>
              <p className="text-sm text-slate-700"><span className="text-2xl font-bold text-slate-900" data-testid="my-course-rate">{percent(c.rate)}</span> attended · required {c.course.threshold_percent}%</p>
            </div>
            {c.below_threshold && (
              <p className="rounded-lg bg-rose-50 px-3 py-2 text-sm font-medium text-rose-900" data-testid="my-course-below">
                You are below the {c.course.threshold_percent}% attendance this course requires. Talk to your lecturer if something is keeping you away.
              </p>
            )}
            <p className="text-sm text-slate-700">
              {c.sessions_held} session{c.sessions_held === 1 ? "" : "s"} held since you were enrolled: attended {c.present + c.late} ({c.present} present, {c.late} late), {c.excused} excused, {c.absent} missed.
            </p>
            {c.missed.length > 0 && (
              <div>
                <h4 className="text-sm font-semibold">Sessions you missed</h4>
                <ul className="mt-1 list-inside list-disc text-sm text-slate-700" data-testid="my-course-missed">
                  {c.missed.map((m) => <li key={m.event_id}><Time value={m.starts_at} zone="college" style="date" /> — {m.title}</li>)}
                </ul>
              </div>
            )}
            {points.length > 0 && <TrendChart id={`trend-${c.course.id}`} title={`Your attendance in ${c.course.code}`} points={points} thresholdPercent={c.course.threshold_percent} />}
          </article>
        );
      })}
    </section>
  );
}
