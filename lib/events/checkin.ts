// Whether an event accepts scans right now. Pure: the clock is an argument.
export interface CheckinFields {
  endsAt: Date;
  archivedAt: Date | null;
  checkinOpenedAt: Date | null;
  checkinClosedAt: Date | null;
}

/** Open while started, not stopped, not archived, and before the event's end (it closes by itself). */
export function isCheckinOpen(e: CheckinFields, at: Date): boolean {
  return e.archivedAt === null && e.checkinOpenedAt !== null && e.checkinOpenedAt <= at && e.checkinClosedAt === null && at < e.endsAt;
}

export type CheckinState = "not_started" | "open" | "stopped" | "ended" | "archived";

export function checkinState(e: CheckinFields, at: Date): CheckinState {
  if (e.archivedAt) return "archived";
  if (at >= e.endsAt) return "ended";
  if (e.checkinClosedAt) return "stopped";
  if (!e.checkinOpenedAt) return "not_started";
  return isCheckinOpen(e, at) ? "open" : "not_started";
}
