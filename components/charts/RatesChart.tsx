// The distribution of students' attendance rates (bins of 10 percentage points), with the
// course's threshold drawn as a line; the numbers in a table beside it.
import { ChartFrame, YAxis, tableClass, tdClass, thClass } from "./ChartFrame";
import { PLOT, binRates, innerWidth, niceMax, ticks, xOfPercent, yOf } from "./geometry";

const BAR = "#184eaa";
const LINE = "#b91c1c";

export function ratesSummary(rates: readonly number[], thresholdPercent: number): string {
  if (rates.length === 0) return "No student has a rate yet: no session has been held.";
  const below = rates.filter((r) => r * 100 < thresholdPercent).length;
  const sorted = [...rates].sort((a, b) => a - b);
  const median = Math.round(sorted[Math.floor((sorted.length - 1) / 2)]! * 100);
  return `${rates.length} students; median rate ${median}%. ${below} ${below === 1 ? "is" : "are"} below the ${thresholdPercent}% threshold.`;
}

export function RatesChart({ id = "rates-chart", rates, thresholdPercent }: { id?: string; rates: readonly number[]; thresholdPercent: number }) {
  const bins = binRates(rates);
  const max = niceMax(Math.max(0, ...bins.map((b) => b.count)));
  const slot = innerWidth(PLOT) / bins.length;
  const threshold = xOfPercent(thresholdPercent);
  return (
    <ChartFrame
      id={id}
      title="Students by attendance rate"
      summary={ratesSummary(rates, thresholdPercent)}
      viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
      legend={[{ label: "Students", color: BAR }, { label: `Threshold ${thresholdPercent}%`, color: LINE, dashed: true }]}
      table={
        <table className={tableClass}>
          <thead>
            <tr><th scope="col" className={thClass}>Rate</th><th scope="col" className={`${thClass} text-right`}>Students</th></tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <th scope="row" className={`${tdClass} font-normal`}>{b.label}{b.to <= thresholdPercent && <span className="sr-only"> (below the threshold)</span>}</th>
                <td className={`${tdClass} text-right`}>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis values={ticks(max)} yOf={(v) => yOf(v, max)} left={PLOT.left} right={PLOT.width - PLOT.right} />
      {bins.map((b, i) => {
        const y = yOf(b.count, max);
        return (
          <g key={b.from}>
            {b.count > 0 && <rect x={PLOT.left + slot * i + 2} y={y} width={slot - 4} height={yOf(0, max) - y} fill={BAR} />}
            <text x={PLOT.left + slot * i + slot / 2} y={PLOT.height - PLOT.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569">{b.from}%</text>
          </g>
        );
      })}
      <line x1={threshold} x2={threshold} y1={PLOT.top} y2={PLOT.height - PLOT.bottom} stroke={LINE} strokeWidth="2" strokeDasharray="6 4" />
      <text x={Math.min(threshold + 4, PLOT.width - PLOT.right - 80)} y={PLOT.top + 12} fontSize="12" fill={LINE}>threshold {thresholdPercent}%</text>
      <text x={PLOT.left + innerWidth(PLOT) / 2} y={PLOT.height - 6} textAnchor="middle" fontSize="11" fill="#475569">attendance rate</text>
    </ChartFrame>
  );
}
