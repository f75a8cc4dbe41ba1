// Drop one student from a course: the enrolment stays, with dropped_at, so history stays true.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { transact } from "../transact";
import { ENROLLMENT_SELECT, enrollmentJson } from "./enrollment-json";

export async function dropEnrollment(ctx: Ctx, actorId: string, courseId: string, enrollmentId: string) {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    const row = await tx.enrollment.findFirst({ where: { id: enrollmentId, courseId }, select: ENROLLMENT_SELECT });
    if (!row) throw notFound("This enrolment", "enrollment_not_found");
    if (row.droppedAt) return { enrollment: enrollmentJson(row) };
    const dropped = await tx.enrollment.update({ where: { id: enrollmentId }, data: { droppedAt: now }, select: ENROLLMENT_SELECT });
    await recordAudit(tx, ctx, { action: "enrollment_dropped", actorId, targetType: "course", targetId: courseId, details: { enrollment_id: enrollmentId, email: row.email } });
    return { enrollment: enrollmentJson(dropped) };
  });
}
