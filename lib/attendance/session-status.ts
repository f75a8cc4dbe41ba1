// A student's status for one session, derived (docs/courses.md, statuses): present, late or
// excused from a stored mark; otherwise absent once the session is closed, not_marked while it
// is still open. Nothing is stored for absent students. Pure.
export const ROSTER_STATUSES = ["present", "late", "excused", "absent", "not_marked"] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
  checkinClosedAt: Date | null;
  archivedAt: Date | null;
}

/** Closed: ended, check-in stopped (until reopened), or archived. An absence is final only then. */
export function isSessionClosed(s: SessionTimes, now: Date): boolean {
  return now >= s.endsAt || s.checkinClosedAt !== null || s.archivedAt !== null;
}

/** Whether a student enrolled at some time was expected at this session (on the roster while it ran). */
export function wasExpected(e: { enrolledAt: Date; droppedAt: Date | null }, s: Pick<SessionTimes, "startsAt" | "endsAt">): boolean {
  return e.enrolledAt < s.endsAt && (e.droppedAt === null || e.droppedAt > s.startsAt);
}

export function statusOf(mark: { status: "present" | "late" | "excused" } | undefined, closed: boolean): RosterStatus {
  return mark ? mark.status : closed ? "absent" : "not_marked";
}

/** Attended for a rate: present, late or excused. */
export const counts = (s: RosterStatus) => s === "present" || s === "late" || s === "excused";
