// The marks of a course's roster in one compact read: for each current enrolment, one character
// per session (the course's sessions not archived, in start order) — "p" present, "l" late,
// "e" excused, "." no mark — grouped in the database, so a term of 1,500 students × 40 sessions
// comes back as 1,500 short strings instead of 54,000 rows. A mark belongs to the student
// through their enrolment (made before they had an account) or their account, the enrolment's
// first (as markIndex in course-attendance.ts). The same SQL runs on SQLite (3.44+: string_agg
// with ORDER BY) and PostgreSQL; both unique keys of attendance_records serve the joins. The
// same statement returns the session ids its columns stand for (one snapshot), so a session
// added or archived between this read and the caller's own read of the sessions cannot shift a
// column onto the wrong session.
import type { DbOrTx } from "../db";
import type { OnlyStudent } from "./load-course-attendance";

export const NO_MARK = ".";
export const MARK_STATUS = { p: "present", l: "late", e: "excused" } as const;
export type MarkLetter = keyof typeof MARK_STATUS;

export interface MarkMatrix {
  /** the session id of each column */
  sessionIds: string[];
  /** enrolment id → one character per column */
  lines: Map<string, string>;
}

export async function readMarkMatrix(db: DbOrTx, courseId: string, only?: OnlyStudent): Promise<MarkMatrix> {
  const enrollmentId = only && "enrollmentId" in only ? only.enrollmentId : "";
  const userId = only && "userId" in only ? only.userId : "";
  // the row with an empty id (no enrolment has one) lists the columns' session ids
  const rows = await db.$queryRaw<{ id: string; marks: string | null }[]>`
    WITH s AS (SELECT id, starts_at FROM events WHERE course_id = ${courseId} AND archived_at IS NULL)
    SELECT '' AS id, string_agg(s.id, ',' ORDER BY s.starts_at, s.id) AS marks FROM s
    UNION ALL
    SELECT e.id AS id,
           string_agg(COALESCE(substr(CAST(m1.status AS TEXT), 1, 1), substr(CAST(m2.status AS TEXT), 1, 1), '.'), '' ORDER BY s.starts_at, s.id) AS marks
    FROM enrollments e
    JOIN s ON TRUE
    LEFT JOIN attendance_records m1 ON m1.enrollment_id = e.id AND m1.event_id = s.id
    LEFT JOIN attendance_records m2 ON m2.user_id = e.user_id AND m2.event_id = s.id
    WHERE e.course_id = ${courseId} AND e.dropped_at IS NULL
      AND (${enrollmentId} = '' OR e.id = ${enrollmentId}) AND (${userId} = '' OR e.user_id = ${userId})
    GROUP BY e.id`;
  const lines = new Map<string, string>();
  let sessionIds: string[] = [];
  for (const r of rows) {
    if (r.id === "") sessionIds = r.marks ? r.marks.split(",") : [];
    else lines.set(r.id, r.marks ?? "");
  }
  return { sessionIds, lines };
}
