// Instructors are active admins. A list naming anyone else is a 400 that names them.
import type { Tx } from "../db";
import { AppError } from "../errors";

export async function assertInstructors(tx: Tx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await tx.user.findMany({ where: { id: { in: unique }, role: "admin", status: "active" }, select: { id: true } });
  const ok = new Set(found.map((u) => u.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length) {
    throw new AppError("validation_failed", "Invalid body: instructor_ids must name active admins.", [
      ...bad.map((id) => ({ path: "body.instructor_ids", code: "not_an_admin", message: `${id} is not an active admin` })),
    ]);
  }
  return unique;
}

/** Replace a course's instructor list. */
export async function setInstructors(tx: Tx, courseId: string, ids: string[], now: Date): Promise<void> {
  await tx.courseInstructor.deleteMany({ where: { courseId, userId: { notIn: ids } } });
  const existing = await tx.courseInstructor.findMany({ where: { courseId }, select: { userId: true } });
  const have = new Set(existing.map((e) => e.userId));
  const add = ids.filter((id) => !have.has(id));
  if (add.length) await tx.courseInstructor.createMany({ data: add.map((userId) => ({ courseId, userId, addedAt: now })) });
}
