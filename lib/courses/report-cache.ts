// The term report, built once per course version and reused while nothing it shows changed
// (docs/performance.md#the-term-report). The key is read before the report's own reads: the
// course's report version — bumped by database triggers in the transaction of every change to
// its sessions, roster and marks (prisma migration "course_report_version") — and the course
// row's fields. A report built from reads that raced a change is stored under the older key, so
// the next request, seeing the newer version, builds it again; a stale report is never served.
// Time also changes a report (a session ends and its blanks become absences): an entry is kept
// only between the last session end before it was built and the next one (a clock pinned by a
// test may also go back). Per process: each instance keeps its own.
import type { DbOrTx } from "../db";
import { COURSE_ATTENDANCE_SELECT, type AttendanceCourse } from "./load-course-attendance";
import { courseNotFound } from "./course-errors";

const MAX_COURSES = 16;

export interface ReportKey {
  key: string;
  course: AttendanceCourse;
}

interface Entry<T> {
  key: string;
  /** epoch ms outside [validFrom, validUntil) the report may read differently without any change (a session ends) */
  validFrom: number;
  validUntil: number;
  value: Promise<T>;
}

/** The course row and its report version, in one read. */
export async function readReportKey(db: DbOrTx, courseId: string): Promise<ReportKey> {
  const row = await db.course.findUnique({ where: { id: courseId }, select: { ...COURSE_ATTENDANCE_SELECT, reportVersion: { select: { version: true } } } });
  if (!row) throw courseNotFound();
  const { reportVersion, ...course } = row;
  return { key: `${reportVersion?.version ?? "none"}|${JSON.stringify(course)}`, course };
}

/** A small per-process cache: the last MAX_COURSES courses' reports, one build at a time per key. */
export class ReportCache<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(private readonly max = MAX_COURSES) {}

  /** The cached value for `courseId` under `key` at `now`, else `build()` (shared by concurrent callers). */
  async get(courseId: string, key: string, now: number, build: () => Promise<{ value: T; validFrom: number; validUntil: number }>): Promise<T> {
    const hit = this.entries.get(courseId);
    if (hit && hit.key === key) {
      // one being built is shared; its window is known once it is built
      const value = await hit.value.catch(() => undefined);
      if (value !== undefined && hit.validFrom <= now && now < hit.validUntil) {
        if (this.entries.get(courseId) === hit) {
          this.entries.delete(courseId); // most recently used last
          this.entries.set(courseId, hit);
        }
        return value;
      }
    }
    const entry: Entry<T> = { key, validFrom: -Infinity, validUntil: Infinity, value: Promise.resolve(undefined as T) };
    entry.value = build().then(
      (b) => {
        entry.validFrom = b.validFrom;
        entry.validUntil = b.validUntil;
        return b.value;
      },
      (error: unknown) => {
        if (this.entries.get(courseId) === entry) this.entries.delete(courseId);
        throw error;
      },
    );
    this.entries.delete(courseId);
    this.entries.set(courseId, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
