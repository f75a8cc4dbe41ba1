// Attendance versions (docs/courses.md#low-attendance-warning): what low-attendance decisions
// are written under, so a warning is never written from a stale rate.
//
// - A change to one student's marks (a manual mark, an excuse, a removal, the roster line
//   linked to its account) holds the course's lock SHARED and bumps the student's enrolment
//   (enrollments.attendance_version), first thing in its transaction. Changes for different
//   students run side by side; two for the same student take turns.
// - A change to which sessions count (check-in stopped or restarted, a session edited) bumps
//   the course (courses.attendance_version), which holds its lock EXCLUSIVELY.
// - The course-wide check reads both versions before the rates, decides outside a transaction,
//   then holds the course exclusively and every enrolment, and writes only if the versions are
//   unchanged (`holdCourseVersions`); else it reads again. Holding the locks until it commits
//   means no change can land between the check and the write.
// On PostgreSQL the locks are row locks (the shared one is SELECT … FOR SHARE); SQLite has a
// single writer, and a transaction that read before another committed cannot write at all
// (SQLITE_BUSY_SNAPSHOT, retried by transact()), which gives the same guarantee. Raw SQL on
// purpose: a Prisma update would also move updated_at.
import type { Ctx } from "../context";
import { providerOf, type DbOrTx, type Tx } from "../db";

export interface SeenVersions {
  course: number;
  students: number;
}

/** A change to which of a course's sessions count: exclusive. */
export async function bumpCourseVersion(tx: Tx, courseId: string): Promise<void> {
  await tx.$executeRaw`UPDATE courses SET attendance_version = attendance_version + 1 WHERE id = ${courseId}`;
}

/** The first step of a change to one student's marks: the course shared, then their enrolment. */
export async function bumpStudentVersion(tx: Tx, ctx: Pick<Ctx, "config">, courseId: string, enrollmentId: string): Promise<void> {
  if (providerOf(ctx.config.DATABASE_URL) === "postgresql") await tx.$queryRaw`SELECT 1 FROM courses WHERE id = ${courseId} FOR SHARE`;
  await tx.$executeRaw`UPDATE enrollments SET attendance_version = attendance_version + 1 WHERE id = ${enrollmentId} AND course_id = ${courseId}`;
}

/** Both versions, read before the rates a decision is computed from. */
export async function readVersions(db: DbOrTx, courseId: string): Promise<SeenVersions | null> {
  const rows = await db.$queryRaw<{ course: number | bigint; students: number | bigint | null }[]>`
    SELECT c.attendance_version AS course, (SELECT SUM(e.attendance_version) FROM enrollments e WHERE e.course_id = c.id) AS students
    FROM courses c WHERE c.id = ${courseId}`;
  const row = rows[0];
  return row ? { course: Number(row.course), students: Number(row.students ?? 0) } : null;
}

/** Lock the course and its enrolments (course first: the order every change takes them in). */
export async function lockCourse(tx: Tx, courseId: string): Promise<void> {
  await tx.$executeRaw`UPDATE courses SET attendance_version = attendance_version WHERE id = ${courseId}`;
  await tx.$executeRaw`UPDATE enrollments SET attendance_version = attendance_version WHERE course_id = ${courseId}`;
}

/** Lock the course and its enrolments if nothing changed since `seen`; false when a rate may have moved. */
export async function holdCourseVersions(tx: Tx, courseId: string, seen: SeenVersions): Promise<boolean> {
  await lockCourse(tx, courseId);
  const now = await readVersions(tx, courseId);
  return now !== null && now.course === seen.course && now.students === seen.students;
}
