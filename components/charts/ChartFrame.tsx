// The accessible frame every chart shares: a <figure> whose SVG has a title and a text
// alternative (role="img"), and the chart's numbers in a real table beside it — keyboard
// scrollable when long. Server component: the charts are plain SVG, no script.
// Text in a chart carries CHART_TEXT: the picture shrinks to about half its drawn size on a
// phone, so app/globals.css draws that text twice as large there (12 px on screen, not 6) and
// hides the labels marked CHART_MINOR, which would then collide.

/** Class of every text drawn in a chart (sized for phones in app/globals.css). */
export const CHART_TEXT = "chart-text";
/** Also on axis labels that phones leave out (every other one) so the bigger ones never overlap. */
export const CHART_MINOR = "chart-minor";
export interface ChartFrameProps {
  id: string;
  title: string;
  /** the text alternative: what the picture shows, in a sentence or two */
  summary: string;
  /** the SVG's drawing, in PLOT coordinates (components/charts/geometry.ts) */
  children: React.ReactNode;
  /** a legend under the picture (names colours; the table holds the numbers) */
  legend?: { label: string; color: string; dashed?: boolean }[];
  table: React.ReactNode;
  viewBox: string;
}

export function ChartFrame({ id, title, summary, children, legend, table, viewBox }: ChartFrameProps) {
  return (
    <figure aria-labelledby={`${id}-caption`} data-testid={id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      <figcaption id={`${id}-caption`} className="font-semibold">{title}</figcaption>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-2">
          <svg viewBox={viewBox} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{summary}</desc>
            {children}
          </svg>
          <p className="text-sm text-slate-700" data-testid={`${id}-summary`}>{summary}</p>
          {legend && (
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
              {legend.map((l) => (
                <li key={l.label} className="flex items-center gap-1.5">
                  <svg width="24" height="12" aria-hidden="true">
                    {l.dashed ? <line x1="0" y1="6" x2="24" y2="6" stroke={l.color} strokeWidth="2" strokeDasharray="4 3" /> : <rect width="24" height="12" rx="2" fill={l.color} />}
                  </svg>
                  {l.label}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div role="region" aria-label={`${title}: numbers`} tabIndex={0} className="max-h-80 overflow-y-auto rounded-lg border border-slate-100">
          {table}
        </div>
      </div>
    </figure>
  );
}

/** Horizontal grid lines with their values on the left axis. */
export function YAxis({ values, yOf, left, right, format = String }: { values: number[]; yOf: (v: number) => number; left: number; right: number; format?: (v: number) => string }) {
  return (
    <g aria-hidden="true">
      {values.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={yOf(v)} y2={yOf(v)} stroke="#e2e8f0" strokeWidth="1" />
          <text x={left - 6} y={yOf(v) + 4} textAnchor="end" fontSize="11" fill="#475569" className={CHART_TEXT}>{format(v)}</text>
        </g>
      ))}
    </g>
  );
}

export const tableClass = "w-full text-left text-sm tabular-nums";
export const thClass = "sticky top-0 bg-slate-50 px-2 py-1.5 font-medium text-slate-700";
export const tdClass = "border-t border-slate-100 px-2 py-1";
