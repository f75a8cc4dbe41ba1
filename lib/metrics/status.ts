// Green/amber/red against the seed's targets and critical thresholds (docs/design.md#performance).
// Pure: the thresholds table and the rule that turns a value into a colour.

export type MetricStatus = "green" | "amber" | "red" | "unknown";

export interface Threshold {
  /** green when below target */
  target: number;
  /** red when above critical; amber in between */
  critical: number;
  unit: "ms" | "%" | "per 5 min";
}

export const THRESHOLDS = {
  qr_verification: { target: 200, critical: 500, unit: "ms" },
  login: { target: 300, critical: 1000, unit: "ms" },
  mark: { target: 500, critical: 1000, unit: "ms" },
  failed_qr_rate: { target: 5, critical: 10, unit: "%" },
  login_failures_per_ip: { target: 10, critical: 20, unit: "per 5 min" },
  // the longest the event loop was held in the last minute: a mark waited at least that long
  event_loop: { target: 100, critical: 500, unit: "ms" },
} as const satisfies Record<string, Threshold>;

export type MetricName = keyof typeof THRESHOLDS;

export function statusFor(value: number | null, threshold: Threshold): MetricStatus {
  if (value === null) return "unknown";
  if (value < threshold.target) return "green";
  if (value > threshold.critical) return "red";
  return "amber";
}
