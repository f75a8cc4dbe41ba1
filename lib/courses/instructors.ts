// A course's staff rows (course_instructors): instructors and teaching assistants, one row per
// person. Instructors are active staff accounts (instructor or admin); assistants any active
// account. A list naming anyone else is a 400 that names them.
import { lockBeforeReading, type Tx } from "../db";
import { AppError } from "../errors";

export async function assertInstructors(tx: Tx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await tx.user.findMany({ where: { id: { in: unique }, role: { in: ["admin", "instructor"] }, status: "active" }, select: { id: true } });
  const ok = new Set(found.map((u) => u.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length) {
    throw new AppError("validation_failed", "Invalid body: instructor_ids must name active instructors or admins.", [
      ...bad.map((id) => ({ path: "body.instructor_ids", code: "not_staff", message: `${id} is not an active instructor or admin` })),
    ]);
  }
  return unique;
}

/**
 * Serialize staff changes of one course before reading them (lockBeforeReading: the course's row),
 * so two instructors removing each other at once cannot leave the course with none.
 */
export async function lockCourseStaff(tx: Tx, databaseUrl: string, courseId: string): Promise<void> {
  await lockBeforeReading(tx, databaseUrl, "courses", `SELECT id FROM courses WHERE id = $1 FOR UPDATE`, courseId);
}

/**
 * Transaction options for staff changes: they queue on the course's lock, so a burst (a
 * department editing one course at once) waits its turn instead of timing out at Prisma's
 * defaults (2 s for a connection, 5 s in all).
 */
export const STAFF_TX = { maxWait: 15_000, timeout: 15_000 };

/** Replace a course's instructors; teaching assistants named are made instructors, the others stay assistants. */
export async function setInstructors(tx: Tx, courseId: string, ids: string[], now: Date): Promise<void> {
  await tx.courseInstructor.deleteMany({ where: { courseId, role: "instructor", userId: { notIn: ids } } });
  const existing = await tx.courseInstructor.findMany({ where: { courseId }, select: { userId: true, role: true } });
  const have = new Map(existing.map((e) => [e.userId, e.role]));
  const promote = ids.filter((id) => have.get(id) === "assistant");
  if (promote.length) await tx.courseInstructor.updateMany({ where: { courseId, userId: { in: promote } }, data: { role: "instructor" } });
  const add = ids.filter((id) => !have.has(id));
  if (add.length) await tx.courseInstructor.createMany({ data: add.map((userId) => ({ courseId, userId, role: "instructor" as const, addedAt: now })) });
}
