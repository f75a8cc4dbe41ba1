// The marks of a course's roster in one compact read: for each current enrolment, one character
// per session (the course's sessions not archived, in start order) — "p" present, "l" late,
// "e" excused, "." no mark — grouped in the database, so a term of 1,500 students × 40 sessions
// comes back as 1,500 short strings instead of 54,000 rows. A mark belongs to the student
// through their enrolment (made before they had an account) or their account, the enrolment's
// first (as markIndex in course-attendance.ts). The same SQL runs on SQLite (3.44+: string_agg
// with ORDER BY) and PostgreSQL; both unique keys of attendance_records serve the joins. The
// same statement returns the session ids its columns stand for (one snapshot), so a session
// added or archived between this read and the caller's own read of the sessions cannot shift a
// column onto the wrong session. A roster is read in slices of MATRIX_SLICE enrolments (below).
import { empty, sqltag as sql } from "@prisma/client/runtime/client";
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

/**
 * Enrolments per read. On SQLite a read runs on the event loop (better-sqlite3 is synchronous), so
 * a term of 1,500 students is read in slices of this many, yielding to the check-ins in between:
 * ~5 ms a slice on the idle development machine, where one read of 1,500 × 41 held the loop
 * ~65 ms (~375 ms under load) (docs/performance.md#marks-first).
 */
export const MATRIX_SLICE = 100;

interface Slice extends MarkMatrix {
  /** enrolments in this slice, and the last one's id (the next slice starts after it) */
  count: number;
  last: string | null;
}

/** One slice: the enrolments after `after` (in the database's own id order), at most `limit`. */
async function readSlice(db: DbOrTx, courseId: string, only: OnlyStudent | undefined, after: string, limit: number): Promise<Slice> {
  // one student: a condition of its own, not `(? = '' OR user_id = ?)`, which SQLite cannot serve
  // from an index (it plans before the values are bound) and so read the whole roster per course
  const oneStudent = !only ? empty : "userId" in only ? sql`AND user_id = ${only.userId}` : sql`AND id = ${only.enrollmentId}`;
  // the row with an empty id (no enrolment has one) lists the columns' session ids, how many
  // enrolments the slice holds and the last one's id (MAX in the database's collation, the
  // order the next slice's `id >` compares in)
  const rows = await db.$queryRaw<{ id: string; marks: string | null; n: number | null; last: string | null }[]>`
    WITH s AS (SELECT id, starts_at FROM events WHERE course_id = ${courseId} AND archived_at IS NULL),
    r AS (
      SELECT id, user_id FROM enrollments
      WHERE course_id = ${courseId} AND dropped_at IS NULL AND id > ${after} ${oneStudent}
      ORDER BY id LIMIT ${limit}
    )
    SELECT '' AS id, (SELECT string_agg(s.id, ',' ORDER BY s.starts_at, s.id) FROM s) AS marks,
           (SELECT CAST(COUNT(*) AS INTEGER) FROM r) AS n, (SELECT MAX(id) FROM r) AS last
    UNION ALL
    SELECT r.id AS id,
           string_agg(COALESCE(substr(CAST(m1.status AS TEXT), 1, 1), substr(CAST(m2.status AS TEXT), 1, 1), '.'), '' ORDER BY s.starts_at, s.id) AS marks,
           NULL AS n, NULL AS last
    FROM r
    JOIN s ON TRUE
    LEFT JOIN attendance_records m1 ON m1.enrollment_id = r.id AND m1.event_id = s.id
    LEFT JOIN attendance_records m2 ON m2.user_id = r.user_id AND m2.event_id = s.id
    GROUP BY r.id`;
  const lines = new Map<string, string>();
  let sessionIds: string[] = [];
  let count = 0;
  let last: string | null = null;
  for (const r of rows) {
    if (r.id === "") {
      sessionIds = r.marks ? r.marks.split(",") : [];
      count = Number(r.n ?? 0);
      last = r.last;
    } else lines.set(r.id, r.marks ?? "");
  }
  return { sessionIds, lines, count, last };
}

const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((id, k) => id === b[k]);
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function readMarkMatrix(db: DbOrTx, courseId: string, only?: OnlyStudent, slice = MATRIX_SLICE): Promise<MarkMatrix> {
  for (let attempt = 0; ; attempt++) {
    // after two attempts spoiled by sessions changing between slices, one read of everything
    const limit = attempt < 2 ? slice : 1_000_000_000;
    const first = await readSlice(db, courseId, only, "", limit);
    // no sessions: no marks to read; every line is empty
    if (first.sessionIds.length === 0 || first.count < limit || first.last === null) return { sessionIds: first.sessionIds, lines: first.lines };
    const lines = first.lines;
    let after: string = first.last;
    let spoiled = false;
    for (;;) {
      await yieldToEventLoop();
      const next = await readSlice(db, courseId, only, after, limit);
      // a session added or archived between slices would shift columns: read again
      if (!sameColumns(next.sessionIds, first.sessionIds)) {
        spoiled = true;
        break;
      }
      for (const [id, line] of next.lines) lines.set(id, line);
      if (next.count < limit || next.last === null) break;
      after = next.last;
    }
    if (!spoiled) return { sessionIds: first.sessionIds, lines };
  }
}
