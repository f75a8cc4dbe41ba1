// Attendance per session across the term: one stacked bar per session (present, late, excused,
// absent), with the numbers in a table beside it.
import { CHART_MINOR, CHART_TEXT, ChartFrame, YAxis, tableClass, tdClass, thClass } from "./ChartFrame";
import { PLOT, labelEvery, niceMax, stackBars, ticks, yOf } from "./geometry";
import { CHART_STATUSES, STATUS_COLORS, STATUS_LABELS, type ChartStatus } from "./status-colors";

export type SessionCounts = { id: string; label: string } & Record<ChartStatus, number>;

export function sessionsSummary(sessions: SessionCounts[]): string {
  if (sessions.length === 0) return "No session has been held yet.";
  const totals = sessions.map((s) => s.present + s.late + s.excused + s.absent);
  const came = sessions.map((s) => s.present + s.late);
  const share = sessions.map((s, i) => (totals[i] ? came[i]! / totals[i]! : 0));
  const avg = Math.round((share.reduce((a, b) => a + b, 0) / sessions.length) * 100);
  const low = sessions.reduce((best, s, i) => (share[i]! < share[best]! ? i : best), 0);
  return `${sessions.length} session${sessions.length === 1 ? "" : "s"} held. On average ${avg}% of enrolled students came (present or late); the lowest was ${sessions[low]!.label} with ${came[low]} of ${totals[low]}.`;
}

export function SessionsChart({ id = "sessions-chart", sessions }: { id?: string; sessions: SessionCounts[] }) {
  const max = niceMax(Math.max(0, ...sessions.map((s) => s.present + s.late + s.excused + s.absent)));
  const bars = stackBars(sessions, CHART_STATUSES, max);
  const every = labelEvery(sessions.length);
  const title = "Attendance per session";
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={sessionsSummary(sessions)}
      viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
      legend={CHART_STATUSES.map((s) => ({ label: STATUS_LABELS[s], color: STATUS_COLORS[s] }))}
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>Session</th>
              {CHART_STATUSES.map((s) => <th key={s} scope="col" className={`${thClass} text-right`}>{STATUS_LABELS[s]}</th>)}
            </tr>
          </thead>
          <tbody>
            {sessions.length === 0 && <tr><td colSpan={5} className={tdClass}>None yet.</td></tr>}
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row" className={`${tdClass} font-normal`}>{s.label}</th>
                {CHART_STATUSES.map((k) => <td key={k} className={`${tdClass} text-right`}>{s[k]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis values={ticks(max)} yOf={(v) => yOf(v, max)} left={PLOT.left} right={PLOT.width - PLOT.right} />
      {bars.map((bar, i) => (
        <g key={sessions[i]!.id}>
          {bar.segments.map((seg) => (
            <rect key={seg.key} x={seg.x} y={seg.y} width={seg.width} height={seg.height} fill={STATUS_COLORS[seg.key]} stroke="#fff" strokeWidth="0.5" />
          ))}
          {i % every === 0 && (
            <text x={bar.x + bar.width / 2} y={PLOT.height - PLOT.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569" className={`${CHART_TEXT}${(i / every) % 2 ? ` ${CHART_MINOR}` : ""}`}>{sessions[i]!.label}</text>
          )}
        </g>
      ))}
    </ChartFrame>
  );
}
