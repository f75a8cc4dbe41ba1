// The instructors' list of students below the course's attendance threshold (the students are
// warned when they fall below it). Server component. On a phone each student is a card
// (.stack-table), so nothing scrolls sideways and no address is cut into fragments.
import { EmailText } from "@/components/ui/EmailText";
import type { CourseReport } from "@/lib/courses/course-report";

export const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);

export function LowAttendanceList({ students, thresholdPercent, held }: { students: CourseReport["below_threshold"]; thresholdPercent: number; held: number }) {
  if (held === 0) return <p className="text-slate-600" data-testid="low-attendance-none">No session has been held yet.</p>;
  if (students.length === 0) return <p className="text-slate-700" data-testid="low-attendance-none">Every student is at or above {thresholdPercent}%.</p>;
  return (
    <div className="rounded-xl border border-rose-200 bg-white sm:overflow-x-auto">
      <table className="stack-table w-full text-left text-sm tabular-nums" data-testid="low-attendance">
        <caption className="px-3 py-2 text-left text-sm text-slate-700">{students.length} student{students.length === 1 ? " is" : "s are"} below the {thresholdPercent}% threshold, lowest first.</caption>
        <thead className="bg-rose-50 text-slate-700">
          <tr><th className="px-3 py-2">Student</th><th className="px-3 py-2">Email</th><th className="px-3 py-2 text-right">Rate</th><th className="px-3 py-2 text-right">Absent</th><th className="px-3 py-2 text-right">Held</th></tr>
        </thead>
        <tbody>
          {[...students].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.full_name.localeCompare(b.full_name)).map((s) => (
            <tr key={s.enrollment_id} className="border-t border-slate-100" data-testid="low-attendance-row" data-email={s.email}>
              <td className="px-3 py-2 font-medium">{s.full_name}{s.student_number && <span className="font-normal text-slate-600"> · #{s.student_number}</span>}{!s.user_id && <span className="font-normal text-slate-600"> (no account yet)</span>}</td>
              <td className="px-3 py-2 max-sm:text-slate-700"><EmailText email={s.email} /></td>
              <td className="px-3 py-2 text-right font-semibold text-rose-800" data-label="Rate">{percent(s.rate)}</td>
              <td className="px-3 py-2 text-right" data-label="Absent">{s.absent}</td>
              <td className="px-3 py-2 text-right" data-label="Held">{s.sessions_held}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
