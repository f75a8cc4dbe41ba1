// Load what the attendance figures need for one course: its sessions (not archived), its
// current roster (or one student's enrolment) and the marks made in those sessions — by the
// students' accounts and, for students without one yet, against their enrolments — the marks
// as one compact read grouped in the database (read-mark-matrix.ts), then computed in one pass.
// A student's home reads all their courses at once instead (load-student-courses.ts); both end in
// courseAttendanceOf, so a figure means the same on either path.
import type { DbOrTx } from "../db";
import { closedAt, computeAttendance, type MarkAt, type Session, type Student } from "./course-attendance";
import { courseNotFound } from "./course-errors";
import { MARK_STATUS, NO_MARK, readMarkMatrix, type MarkLetter } from "./read-mark-matrix";

export const COURSE_ATTENDANCE_SELECT = {
  id: true, code: true, title: true, termLabel: true, thresholdPercent: true, archivedAt: true, warnAfterSessions: true, warnGraceHours: true,
} as const;

/** A session's fields the figures need. */
export const SESSION_SELECT = { id: true, title: true, startsAt: true, endsAt: true, checkinClosedAt: true, archivedAt: true } as const;

/** An enrolment's fields the figures need, and the roster's order. */
export const STUDENT_SELECT = { id: true, userId: true, email: true, fullName: true, studentNumber: true, enrolledAt: true, droppedAt: true } as const;
export const ROSTER_ORDER: ({ fullName: "asc" } | { email: "asc" })[] = [{ fullName: "asc" }, { email: "asc" }];

export const studentOf = (e: Omit<Student, "enrollmentId"> & { id: string }): Student => ({ enrollmentId: e.id, userId: e.userId, email: e.email, fullName: e.fullName, studentNumber: e.studentNumber, enrolledAt: e.enrolledAt, droppedAt: e.droppedAt });

/** One student: by their account (the student's own view) or by their enrolment (a manual mark). */
export type OnlyStudent = { userId: string } | { enrollmentId: string };

export type AttendanceCourse = { [K in keyof typeof COURSE_ATTENDANCE_SELECT]: K extends "id" | "code" | "title" | "termLabel" ? string : K extends "archivedAt" ? Date | null : number };

/** `course`: the course row when the caller has just read it (the report's cache check). */
export async function loadCourseAttendance(db: DbOrTx, courseId: string, now: Date, only?: OnlyStudent, course?: AttendanceCourse) {
  course ??= (await db.course.findUnique({ where: { id: courseId }, select: COURSE_ATTENDANCE_SELECT })) ?? undefined;
  if (!course) throw courseNotFound();
  const [sessions, enrolments, matrix] = await Promise.all([
    db.event.findMany({ where: { courseId, archivedAt: null }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], select: SESSION_SELECT }),
    db.enrollment.findMany({
      where: { courseId, droppedAt: null, ...(only && ("userId" in only ? { userId: only.userId } : { id: only.enrollmentId })) },
      orderBy: ROSTER_ORDER,
      select: STUDENT_SELECT,
    }),
    readMarkMatrix(db, courseId, only),
  ]);
  const students = enrolments.map(studentOf);
  // the matrix's columns by session id: a session added between the two reads has no column
  // (no mark yet, as far as this read knows)
  const columnOf = new Map(matrix.sessionIds.map((id, k) => [id, k]));
  const columns = sessions.map((s) => columnOf.get(s.id) ?? -1);
  const lines = students.map((s) => matrix.lines.get(s.enrollmentId) ?? "");
  const markAt = (i: number, j: number) => {
    const letter = lines[i]![columns[j]!];
    return letter === undefined || letter === NO_MARK ? undefined : MARK_STATUS[letter as MarkLetter];
  };
  return courseAttendanceOf(course, sessions, students, markAt, now);
}

/** The figures of one course from what was read: its sessions in order, its students, their marks by position. */
export function courseAttendanceOf<S extends Session>(course: AttendanceCourse, sessions: S[], students: Student[], markAt: MarkAt, now: Date) {
  // settled: closed at least the course's grace period ago (docs/courses.md, low-attendance warning)
  const graceMs = course.warnGraceHours * 3_600_000;
  return { course, sessions, ...computeAttendance(sessions, students, markAt, now, { isSettled: (s) => closedAt(s).getTime() + graceMs <= now.getTime() }) };
}

export type CourseAttendance = Awaited<ReturnType<typeof loadCourseAttendance>>;
