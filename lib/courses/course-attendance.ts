// One course's attendance, computed from its sessions, its roster and the stored marks: the
// students × sessions matrix, each student's counts and rate, and each session's totals. The
// report, its exports, the student's own view and the low-attendance warning all use this one
// function (docs/courses.md, reports), so a rate means the same everywhere. Pure: the loader
// (load-course-attendance.ts) is the only place that knows where the inputs come from.
//
// A mark belongs to a student through their enrolment (a mark recorded before they had an
// account) or their account; a session counts for a student only if they were enrolled while it
// ran — before that their cell is "-" — unless they marked anyway.
import { isSessionClosed, type SessionTimes } from "../attendance/session-status";

/** P present, L late, E excused, A absent. */
export type Letter = "P" | "L" | "E" | "A";
/** A matrix cell: a letter; "-" not enrolled while it ran; null not held yet and no mark. */
export type Cell = Letter | "-" | null;
export const NOT_ENROLLED = "-" as const;
const LETTER = { present: "P", late: "L", excused: "E", absent: "A" } as const;

export interface Session extends SessionTimes {
  id: string;
  title: string;
}
export interface Student {
  enrollmentId: string;
  userId: string | null;
  email: string;
  fullName: string;
  studentNumber: string | null;
  enrolledAt: Date;
  droppedAt: Date | null;
}
export interface Mark {
  /** the account's mark, or null for a mark recorded against an enrolment without an account */
  userId: string | null;
  enrollmentId: string | null;
  eventId: string;
  status: "present" | "late" | "excused";
}

export interface Counts {
  present: number;
  late: number;
  excused: number;
  absent: number;
  /** held sessions that count for the student: the rate's denominator */
  held: number;
}

export interface StudentAttendance extends Counts {
  student: Student;
  /** per session, in order */
  cells: Cell[];
  /** (present + late + excused) / held, 0..1; null before any */
  rate: number | null;
  /** the same counts over settled sessions only (closed long enough ago: see `settled`) */
  settled: Counts;
}

export interface SessionTotals {
  session: Session;
  held: boolean;
  present: number;
  late: number;
  excused: number;
  absent: number;
  not_marked: number;
  /** enrolled students with no account yet */
  no_account: number;
}

export const roundRate = (r: number) => Math.round(r * 10_000) / 10_000;
export const rateOf = (c: Counts): number | null => (c.held === 0 ? null : roundRate((c.present + c.late + c.excused) / c.held));
/** Came to the session: present or late. Excused is said apart (it counts for the rate, but nobody came). */
export const attendedOf = (c: Counts) => c.present + c.late;

/** When a closed session closed: its end, or the moment check-in was stopped if earlier. */
export function closedAt(s: Pick<SessionTimes, "endsAt" | "checkinClosedAt">): Date {
  return s.checkinClosedAt && s.checkinClosedAt < s.endsAt ? s.checkinClosedAt : s.endsAt;
}

const zero = (): Counts => ({ present: 0, late: 0, excused: 0, absent: 0, held: 0 });

export interface ComputeOptions {
  /** which closed sessions are settled (the warning's grace period has passed); default: none */
  isSettled?: (s: Session) => boolean;
}

/** The mark of a student in a session: recorded against the enrolment, or made by the account. */
export function markIndex<M extends Mark>(marks: readonly M[]) {
  const byEnrollment = new Map<string, M>();
  const byUser = new Map<string, M>();
  for (const m of marks) {
    if (m.enrollmentId) byEnrollment.set(`${m.enrollmentId}|${m.eventId}`, m);
    if (m.userId) byUser.set(`${m.userId}|${m.eventId}`, m);
  }
  return (student: Pick<Student, "enrollmentId" | "userId">, eventId: string): M | undefined =>
    byEnrollment.get(`${student.enrollmentId}|${eventId}`) ?? (student.userId ? byUser.get(`${student.userId}|${eventId}`) : undefined);
}

export function computeCourseAttendance(sessions: Session[], students: Student[], marks: Mark[], now: Date, options: ComputeOptions = {}) {
  const markOf = markIndex(marks);
  return computeAttendance(sessions, students, (i, j) => markOf(students[i]!, sessions[j]!.id)?.status, now, options);
}

/** A student's mark in a session, by position (student i of `students`, session j of `sessions`). */
export type MarkAt = (student: number, session: number) => Mark["status"] | undefined;

/**
 * The matrix, counts and totals from marks looked up by position: one pass over students ×
 * sessions with the sessions' times as numbers (the term report runs this for 1,500 × 40 cells
 * while a hall checks in: no per-cell allocation beyond the cell itself).
 */
export function computeAttendance(sessions: Session[], students: Student[], markAt: MarkAt, now: Date, options: ComputeOptions = {}) {
  const closed = sessions.map((s) => isSessionClosed(s, now));
  const settled = sessions.map((s, i) => closed[i]! && (options.isSettled?.(s) ?? false));
  const starts = sessions.map((s) => s.startsAt.getTime());
  const ends = sessions.map((s) => s.endsAt.getTime());
  const totals: SessionTotals[] = sessions.map((session, i) => ({ session, held: closed[i]!, present: 0, late: 0, excused: 0, absent: 0, not_marked: 0, no_account: 0 }));
  const rows: StudentAttendance[] = new Array<StudentAttendance>(students.length);
  for (let i = 0; i < students.length; i++) {
    const student = students[i]!;
    const enrolled = student.enrolledAt.getTime();
    const dropped = student.droppedAt?.getTime() ?? Infinity;
    const row: StudentAttendance = { student, cells: new Array<Cell>(sessions.length), ...zero(), rate: null, settled: zero() };
    for (let j = 0; j < sessions.length; j++) {
      const mark = markAt(i, j);
      // not on the roster while it ran (wasExpected): "-", unless they marked anyway (then it counts)
      if (!mark && !(enrolled < ends[j]! && dropped > starts[j]!)) {
        row.cells[j] = NOT_ENROLLED;
        continue;
      }
      const status = mark ?? (closed[j] ? "absent" : "not_marked");
      const total = totals[j]!;
      total[status]++;
      if (!student.userId) total.no_account++;
      if (status === "not_marked") {
        row.cells[j] = null;
        continue;
      }
      row.cells[j] = LETTER[status];
      if (!closed[j]) continue; // a mark in a session still open shows, but rates count closed sessions only
      row.held++;
      row[status]++;
      if (settled[j]) {
        row.settled.held++;
        row.settled[status]++;
      }
    }
    row.rate = rateOf(row);
    rows[i] = row;
  }
  return { rows, totals };
}

/** Students with a rate below the threshold (percent). */
export const belowThreshold = (rows: StudentAttendance[], thresholdPercent: number) => rows.filter((r) => r.rate !== null && r.rate * 100 < thresholdPercent);

/** How many students have a rate in each tenth: [0,10) … [90,100]; students without a rate are left out. */
export function rateDistribution(rows: StudentAttendance[]) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from_percent: i * 10, to_percent: i * 10 + 10, students: 0 }));
  for (const r of rows) if (r.rate !== null) bins[Math.min(9, Math.floor(r.rate * 10))]!.students++;
  return bins;
}
