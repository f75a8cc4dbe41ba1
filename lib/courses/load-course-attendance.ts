// Load what the attendance figures need for one course: its sessions (not archived), its
// current roster (or one student's enrolment) and the marks made in those sessions — by the
// students' accounts and, for students without one yet, against their enrolments — the marks
// as one compact read grouped in the database (read-mark-matrix.ts), then computed in one pass.
import type { DbOrTx } from "../db";
import { closedAt, computeAttendance, type Student } from "./course-attendance";
import { courseNotFound } from "./course-errors";
import { MARK_STATUS, NO_MARK, readMarkMatrix, type MarkLetter } from "./read-mark-matrix";

export const COURSE_ATTENDANCE_SELECT = {
  id: true, code: true, title: true, termLabel: true, thresholdPercent: true, archivedAt: true, warnAfterSessions: true, warnGraceHours: true,
} as const;

/** One student: by their account (the student's own view) or by their enrolment (a manual mark). */
export type OnlyStudent = { userId: string } | { enrollmentId: string };

export type AttendanceCourse = { [K in keyof typeof COURSE_ATTENDANCE_SELECT]: K extends "id" | "code" | "title" | "termLabel" ? string : K extends "archivedAt" ? Date | null : number };

/** `course`: the course row when the caller has just read it (the report's cache check). */
export async function loadCourseAttendance(db: DbOrTx, courseId: string, now: Date, only?: OnlyStudent, course?: AttendanceCourse) {
  course ??= (await db.course.findUnique({ where: { id: courseId }, select: COURSE_ATTENDANCE_SELECT })) ?? undefined;
  if (!course) throw courseNotFound();
  const [sessions, enrolments, matrix] = await Promise.all([
    db.event.findMany({
      where: { courseId, archivedAt: null },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, startsAt: true, endsAt: true, checkinClosedAt: true, archivedAt: true },
    }),
    db.enrollment.findMany({
      where: { courseId, droppedAt: null, ...(only && ("userId" in only ? { userId: only.userId } : { id: only.enrollmentId })) },
      orderBy: [{ fullName: "asc" }, { email: "asc" }],
      select: { id: true, userId: true, email: true, fullName: true, studentNumber: true, enrolledAt: true, droppedAt: true },
    }),
    readMarkMatrix(db, courseId, only),
  ]);
  const students: Student[] = enrolments.map((e) => ({ enrollmentId: e.id, userId: e.userId, email: e.email, fullName: e.fullName, studentNumber: e.studentNumber, enrolledAt: e.enrolledAt, droppedAt: e.droppedAt }));
  // the matrix's columns by session id: a session added between the two reads has no column
  // (no mark yet, as far as this read knows)
  const columnOf = new Map(matrix.sessionIds.map((id, k) => [id, k]));
  const columns = sessions.map((s) => columnOf.get(s.id) ?? -1);
  const lines = students.map((s) => matrix.lines.get(s.enrollmentId) ?? "");
  const markAt = (i: number, j: number) => {
    const letter = lines[i]![columns[j]!];
    return letter === undefined || letter === NO_MARK ? undefined : MARK_STATUS[letter as MarkLetter];
  };
  // settled: closed at least the course's grace period ago (docs/courses.md, low-attendance warning)
  const graceMs = course.warnGraceHours * 3_600_000;
  return { course, sessions, ...computeAttendance(sessions, students, markAt, now, { isSettled: (s) => closedAt(s).getTime() + graceMs <= now.getTime() }) };
}

export type CourseAttendance = Awaited<ReturnType<typeof loadCourseAttendance>>;
