// Whether a student should be warned about low attendance, or a standing warning withdrawn
// (docs/courses.md#low-attendance-warning). Pure, and the one place the policy lives:
// - warn only when the rate is below the threshold, the student has been expected at the
//   course's "warn after" number of settled sessions (closed at least the grace period ago, so
//   excuses land first) and the rate over those settled sessions is below it too;
// - never twice for one fall: a standing warning blocks another until it is withdrawn;
// - withdraw a standing warning as soon as the rate is back at or above the threshold.
import { rateOf, type StudentAttendance } from "./course-attendance";

export interface StandingPolicy {
  thresholdPercent: number;
  warnAfterSessions: number;
}

export type StandingDecision = { kind: "warn"; rate: number } | { kind: "withdraw"; rate: number } | null;

const below = (rate: number | null, thresholdPercent: number): rate is number => rate !== null && rate * 100 < thresholdPercent;

export function decideStanding(row: Pick<StudentAttendance, "rate" | "settled">, policy: StandingPolicy, warned: boolean): StandingDecision {
  if (warned) return row.rate !== null && !below(row.rate, policy.thresholdPercent) ? { kind: "withdraw", rate: row.rate } : null;
  if (!below(row.rate, policy.thresholdPercent)) return null;
  if (row.settled.held < Math.max(1, policy.warnAfterSessions)) return null;
  return below(rateOf(row.settled), policy.thresholdPercent) ? { kind: "warn", rate: row.rate } : null;
}
