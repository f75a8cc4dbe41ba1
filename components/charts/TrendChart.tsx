// One student's attendance rate in a course after each session held: a line, the threshold as
// a dashed line, and the sessions with their status and running rate in a table beside it.
import { ChartFrame, YAxis, tableClass, tdClass, thClass } from "./ChartFrame";
import { PLOT, linePoints, pathOf, percentText, yOf } from "./geometry";
import { STATUS_COLORS, STATUS_LABELS, type ChartStatus } from "./status-colors";

export interface TrendPoint {
  id: string;
  label: string;
  status: ChartStatus;
}

const LINE = "#184eaa";
const THRESHOLD = "#b91c1c";

/** The running rate after each session: (present + late + excused) / sessions so far. */
export function runningRates(points: readonly TrendPoint[]): number[] {
  let counted = 0;
  return points.map((p, i) => {
    if (p.status !== "absent") counted += 1;
    return counted / (i + 1);
  });
}

export function trendSummary(points: readonly TrendPoint[], thresholdPercent: number): string {
  if (points.length === 0) return "No session has been held yet.";
  const rates = runningRates(points);
  const last = rates[rates.length - 1]!;
  const missed = points.filter((p) => p.status === "absent").length;
  const where = last * 100 < thresholdPercent ? "below" : "at or above";
  return `After ${points.length} session${points.length === 1 ? "" : "s"} your rate is ${percentText(last)}, ${where} the ${thresholdPercent}% threshold. You missed ${missed}.`;
}

export function TrendChart({ id, title, points, thresholdPercent }: { id: string; title: string; points: readonly TrendPoint[]; thresholdPercent: number }) {
  const rates = runningRates(points);
  const xy = linePoints(rates, 1);
  const threshold = yOf(thresholdPercent / 100, 1);
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={trendSummary(points, thresholdPercent)}
      viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
      legend={[{ label: "Your rate", color: LINE }, { label: `Threshold ${thresholdPercent}%`, color: THRESHOLD, dashed: true }]}
      table={
        <table className={tableClass}>
          <thead>
            <tr><th scope="col" className={thClass}>Session</th><th scope="col" className={thClass}>You were</th><th scope="col" className={`${thClass} text-right`}>Rate so far</th></tr>
          </thead>
          <tbody>
            {points.length === 0 && <tr><td colSpan={3} className={tdClass}>None yet.</td></tr>}
            {points.map((p, i) => (
              <tr key={p.id}>
                <th scope="row" className={`${tdClass} font-normal`}>{p.label}</th>
                <td className={tdClass}>{STATUS_LABELS[p.status]}</td>
                <td className={`${tdClass} text-right`}>{percentText(rates[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis values={[0, 0.25, 0.5, 0.75, 1]} yOf={(v) => yOf(v, 1)} left={PLOT.left} right={PLOT.width - PLOT.right} format={(v) => `${v * 100}%`} />
      <line x1={PLOT.left} x2={PLOT.width - PLOT.right} y1={threshold} y2={threshold} stroke={THRESHOLD} strokeWidth="2" strokeDasharray="6 4" />
      <path d={pathOf(xy)} fill="none" stroke={LINE} strokeWidth="2.5" />
      {xy.map((pt, i) => pt && <circle key={points[i]!.id} cx={pt.x} cy={pt.y} r="4" fill={STATUS_COLORS[points[i]!.status]} stroke="#fff" strokeWidth="1" />)}
    </ChartFrame>
  );
}
