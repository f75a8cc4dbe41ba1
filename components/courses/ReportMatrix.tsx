// The course report's students × sessions matrix (P/L/E/A, – before the student was enrolled)
// with each student's counts and rate. A real table (row and column headers) so a screen reader
// can read any cell with its student and session. It scrolls inside its own box, in both
// directions, with the header row and the name column kept in view; the page itself never
// scrolls sideways (the box is `relative`, so even the screen-reader-only words in cells far to
// the right stay inside it). Each session's header carries its day and time, so two sessions on
// one day are told apart.
import { EmailText } from "@/components/ui/EmailText";
import type { CourseReport } from "@/lib/courses/course-report";
import { percent } from "./LowAttendanceList";

const CELL: Record<string, string> = { P: "bg-emerald-50 text-emerald-900", L: "bg-amber-50 text-amber-900", E: "bg-blue-50 text-blue-900", A: "bg-rose-100 text-rose-900 font-bold", "-": "text-slate-500" };
const WORD: Record<string, string> = { P: "present", L: "late", E: "excused", A: "absent", "-": "not enrolled then" };
const SHOW: Record<string, string> = { P: "P", L: "L", E: "E", A: "A", "-": "–" };

export interface MatrixSession {
  id: string;
  title: string;
  /** the day, in the college's zone: "Mon 7 Dec" */
  label: string;
  /** the start time, in the college's zone: "10:00" */
  time: string;
  held: boolean;
}

export function ReportMatrix({ sessions, students, thresholdPercent }: {
  sessions: MatrixSession[];
  students: CourseReport["students"];
  thresholdPercent: number;
}) {
  if (students.length === 0) return <p className="text-slate-600">Nobody is enrolled yet.</p>;
  const th = "sticky top-0 z-10 bg-slate-50 px-2 py-1.5 font-medium text-slate-700";
  return (
    <div className="relative max-h-[70vh] max-w-full overflow-auto rounded-xl border border-slate-200 bg-white" role="region" aria-label="Students by sessions" tabIndex={0} data-testid="report-matrix-box">
      <table className="text-left text-sm tabular-nums" data-testid="report-matrix">
        <thead>
          <tr>
            <th scope="col" className={`${th} left-0 z-20 w-40 min-w-40 sm:w-56 sm:min-w-56`}>Student</th>
            {sessions.map((s) => (
              <th key={s.id} scope="col" title={s.title} className={`${th} text-center leading-tight whitespace-nowrap ${s.held ? "" : "text-slate-500"}`} data-testid="report-session">
                {s.label}<span className="block text-xs font-normal">{s.time}</span>
              </th>
            ))}
            {["Present", "Late", "Excused", "Absent", "Held", "Rate"].map((h) => <th key={h} scope="col" className={`${th} text-right`}>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {students.map((st) => {
            const below = st.rate !== null && st.rate * 100 < thresholdPercent;
            return (
              <tr key={st.enrollment_id} className="border-t border-slate-100" data-testid="report-row" data-email={st.email}>
                <th scope="row" className="sticky left-0 z-[5] w-40 min-w-40 bg-white px-2 py-1 font-medium sm:w-56 sm:min-w-56">
                  {st.full_name}
                  {!st.user_id && <span className="ml-1 text-xs font-normal text-slate-600">(no account yet)</span>}
                  <span className="block text-xs font-normal text-slate-600"><EmailText email={st.email} />{st.student_number && ` · #${st.student_number}`}</span>
                </th>
                {st.cells.map((c, i) => (
                  <td key={sessions[i]!.id} className={`px-2 py-1 text-center ${c ? CELL[c] : ""}`}>
                    {c ? <><span aria-hidden="true">{SHOW[c]}</span><span className="sr-only">{WORD[c]}</span></> : <span className="sr-only">not held yet</span>}
                  </td>
                ))}
                <td className="px-2 py-1 text-right">{st.present}</td>
                <td className="px-2 py-1 text-right">{st.late}</td>
                <td className="px-2 py-1 text-right">{st.excused}</td>
                <td className="px-2 py-1 text-right">{st.absent}</td>
                <td className="px-2 py-1 text-right">{st.sessions_held}</td>
                <td className={`px-2 py-1 text-right font-semibold ${below ? "text-rose-800" : ""}`} data-testid="report-rate">
                  {percent(st.rate)}{below && <span className="sr-only"> (below the threshold)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
