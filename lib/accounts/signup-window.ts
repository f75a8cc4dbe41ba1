// How long a signup waits for a decision (docs/design.md#accounts). Without a course, the usual
// APPROVAL_TIMEOUT_MINUTES (3): an admin is around. A signup that names a course with its join
// code is decided by that course's instructors, who are in class, not at a desk: it waits until
// the course's next session ends (one in progress counts), never less than the usual window, and
// a week when the course has no session ahead (a course set up before its timetable).
import type { DbOrTx } from "../db";
import { approvalExpiresAt } from "./approval-expiry";

export const NO_SESSION_AHEAD_DAYS = 7;

export async function signupWaitsUntil(db: DbOrTx, courseId: string | null, now: Date, timeoutMinutes: number): Promise<Date> {
  const usual = approvalExpiresAt(now, timeoutMinutes);
  if (!courseId) return usual;
  const next = await db.event.findFirst({
    where: { courseId, archivedAt: null, endsAt: { gt: now } },
    orderBy: { endsAt: "asc" },
    select: { endsAt: true },
  });
  const until = next?.endsAt ?? new Date(now.getTime() + NO_SESSION_AHEAD_DAYS * 86_400_000);
  return until > usual ? until : usual;
}
