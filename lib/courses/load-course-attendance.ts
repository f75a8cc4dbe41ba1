// Load what computeCourseAttendance needs for one course: its sessions (not archived), its
// current roster (or one student's enrolment) and the marks made in those sessions.
import type { DbOrTx } from "../db";
import { computeCourseAttendance, type Student } from "./course-attendance";
import { courseNotFound } from "./course-errors";

export async function loadCourseAttendance(db: DbOrTx, courseId: string, now: Date, only?: { userId: string }) {
  const course = await db.course.findUnique({ where: { id: courseId }, select: { id: true, code: true, title: true, termLabel: true, thresholdPercent: true, archivedAt: true } });
  if (!course) throw courseNotFound();
  const [sessions, enrolments] = await Promise.all([
    db.event.findMany({
      where: { courseId, archivedAt: null },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, startsAt: true, endsAt: true, checkinClosedAt: true, archivedAt: true },
    }),
    db.enrollment.findMany({
      where: { courseId, droppedAt: null, ...(only && { userId: only.userId }) },
      orderBy: [{ fullName: "asc" }, { email: "asc" }],
      select: { id: true, userId: true, email: true, fullName: true, studentNumber: true, enrolledAt: true, droppedAt: true },
    }),
  ]);
  const marks = sessions.length
    ? await db.attendanceRecord.findMany({
        where: { eventId: { in: sessions.map((s) => s.id) }, ...(only && { userId: only.userId }) },
        select: { userId: true, eventId: true, status: true },
      })
    : [];
  const students: Student[] = enrolments.map((e) => ({ enrollmentId: e.id, userId: e.userId, email: e.email, fullName: e.fullName, studentNumber: e.studentNumber, enrolledAt: e.enrolledAt, droppedAt: e.droppedAt }));
  return { course, sessions, ...computeCourseAttendance(sessions, students, marks, now) };
}
