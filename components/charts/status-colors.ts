// One colour per attendance status, used by every chart and legend (each ≥ 3:1 against white).
export const STATUS_COLORS = {
  present: "#15803d",
  late: "#b45309",
  excused: "#1d4ed8",
  absent: "#b91c1c",
} as const;

export const STATUS_LABELS = { present: "Present", late: "Late", excused: "Excused", absent: "Absent" } as const;
export const CHART_STATUSES = ["present", "late", "excused", "absent"] as const;
export type ChartStatus = (typeof CHART_STATUSES)[number];
