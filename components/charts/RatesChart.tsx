// The distribution of students' attendance rates (bins of 10 percentage points), with the
// course's threshold drawn as a line; the numbers in a table beside it. The rate axis is ticked
// at the bins' edges (0 %, 10 % … 100 %), where the rates it names lie, so an 80 % threshold
// sits exactly on the 80 % tick, between the 70–79 % and 80–100 % bars.
import { CHART_MINOR, CHART_TEXT, ChartFrame, YAxis, tableClass, tdClass, thClass } from "./ChartFrame";
import { PLOT, binRates, innerWidth, niceMax, percentTicks, ticks, xOfPercent, yOf } from "./geometry";

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
        return b.count > 0 ? <rect key={b.from} x={PLOT.left + slot * i + 2} y={y} width={slot - 4} height={yOf(0, max) - y} fill={BAR} /> : null;
      })}
      <g aria-hidden="true" data-testid={`${id}-ticks`}>
        {percentTicks().map((t, i) => (
          <g key={t.percent}>
            <line x1={t.x} x2={t.x} y1={PLOT.height - PLOT.bottom} y2={PLOT.height - PLOT.bottom + 4} stroke="#94a3b8" />
            <text x={t.x} y={PLOT.height - PLOT.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569" data-percent={t.percent} className={`${CHART_TEXT}${i % 2 ? ` ${CHART_MINOR}` : ""}`}>{t.percent}%</text>
          </g>
        ))}
      </g>
      <line x1={threshold} x2={threshold} y1={PLOT.top} y2={PLOT.height - PLOT.bottom} stroke={LINE} strokeWidth="2" strokeDasharray="6 4" data-testid={`${id}-threshold`} />
      {/* the label sits on the side of the line with room for it */}
      <text x={thresholdPercent > 50 ? threshold - 6 : threshold + 6} textAnchor={thresholdPercent > 50 ? "end" : "start"} y={PLOT.top + 12} fontSize="12" fill={LINE} className={CHART_TEXT}>threshold {thresholdPercent}%</text>
      <text x={PLOT.left + innerWidth(PLOT) / 2} y={PLOT.height - 6} textAnchor="middle" fontSize="11" fill="#475569" className={CHART_TEXT}>attendance rate</text>
    </ChartFrame>
  );
}
