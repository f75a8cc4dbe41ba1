// The figures of every course one student is currently enrolled in, for their home page
// (docs/courses.md, the student's view), in a fixed number of reads however many courses they
// take: their enrolments with the courses, then at once all those courses' sessions and the
// student's marks. loadCourseAttendance reads one course in four statements, ~90 for a
// student in 22 courses (docs/performance.md, campus). The marks are matched as the mark matrix
// matches them (read-mark-matrix.ts): a mark recorded against the enrolment before the student
// had an account wins over the account's own mark in the same session (markIndex). Each course
// is then computed by courseAttendanceOf, as loadCourseAttendance computes it.
import type { DbOrTx } from "../db";
import { markIndex } from "./course-attendance";
import { COURSE_ATTENDANCE_SELECT, courseAttendanceOf, ROSTER_ORDER, SESSION_SELECT, STUDENT_SELECT, studentOf, type CourseAttendance } from "./load-course-attendance";

/** One entry per course the student is enrolled in (not dropped); its rows are their enrolments there. */
export async function loadStudentCourses(db: DbOrTx, userId: string, now: Date): Promise<CourseAttendance[]> {
  const enrolments = await db.enrollment.findMany({
    where: { userId, droppedAt: null },
    orderBy: ROSTER_ORDER,
    select: { ...STUDENT_SELECT, course: { select: COURSE_ATTENDANCE_SELECT } },
  });
  if (enrolments.length === 0) return [];
  const courseIds = [...new Set(enrolments.map((e) => e.course.id))];
  const select = { userId: true, enrollmentId: true, eventId: true, status: true } as const;
  const [sessions, byAccount, byEnrolment] = await Promise.all([
    // by course only, archived ones dropped below: with `archived_at IS NULL` in the statement
    // SQLite (which has no statistics) reads events (archived_at, starts_at), every live session
    // of the college (30,000 in the campus scenario), instead of events (course_id, starts_at)
    db.event.findMany({
      where: { courseId: { in: courseIds } },
      orderBy: [{ courseId: "asc" }, { startsAt: "asc" }, { id: "asc" }],
      select: { ...SESSION_SELECT, courseId: true },
    }),
    // the marks made by the account and those recorded against its enrolments, as two plain reads
    // of their own indexes (user_id, marked_at) and (enrollment_id, event_id), kept to these
    // courses' sessions (not their archived ones, like the matrix) below. One read with an OR and
    // a filter on the session made SQLite walk every mark of the college: in the campus scenario
    // at scale 0.1 (1.8 M marks) the home's p50 went from 75 ms to 133 s.
    db.attendanceRecord.findMany({ where: { userId }, select }),
    db.attendanceRecord.findMany({ where: { enrollmentId: { in: enrolments.map((e) => e.id) } }, select }),
  ]);
  const live = sessions.filter((s) => s.archivedAt === null);
  const counted = new Set(live.map((s) => s.id));
  const marks = [...byAccount, ...byEnrolment].filter((m) => counted.has(m.eventId));
  const markOf = markIndex(marks);
  const byCourse = new Map(courseIds.map((id) => [id, { enrolments: [] as typeof enrolments, sessions: [] as Omit<(typeof sessions)[number], "courseId">[] }]));
  for (const e of enrolments) byCourse.get(e.course.id)!.enrolments.push(e);
  for (const { courseId, ...session } of live) byCourse.get(courseId!)!.sessions.push(session);
  return [...byCourse.values()].map(({ enrolments: mine, sessions: itsSessions }) => {
    const students = mine.map(studentOf);
    return courseAttendanceOf(mine[0]!.course, itsSessions, students, (i, j) => markOf(students[i]!, itsSessions[j]!.id)?.status, now);
  });
}
