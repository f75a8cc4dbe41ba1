// Approving a signup that named a course (its join code at signup or on the waiting page) enrols
// the student in it, in the decision's transaction (docs/courses.md#students-not-on-the-roster):
// a new enrolment (source join_code), or one dropped earlier enrolled again — the instructor's
// approval is that decision. Already enrolled: nothing changes. Returns the enrolment's id.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";

export async function enrolApprovedSignup(tx: Tx, ctx: Ctx, courseId: string, user: { id: string; email: string; fullName: string }, actorId: string | null): Promise<string> {
  const now = ctx.clock.now();
  const existing = await tx.enrollment.findUnique({ where: { courseId_email: { courseId, email: user.email } }, select: { id: true, droppedAt: true, userId: true } });
  if (existing && !existing.droppedAt) {
    if (existing.userId !== user.id) await tx.enrollment.update({ where: { id: existing.id }, data: { userId: user.id } });
    return existing.id;
  }
  const row = existing
    ? await tx.enrollment.update({ where: { id: existing.id }, data: { droppedAt: null, userId: user.id }, select: { id: true } })
    : await tx.enrollment.create({ data: { courseId, email: user.email, fullName: user.fullName, userId: user.id, source: "join_code", enrolledAt: now }, select: { id: true } });
  await recordAudit(tx, ctx, {
    action: "enrollment_added",
    actorId,
    targetType: "course",
    targetId: courseId,
    details: { enrollment_id: row.id, email: user.email, via: "signup_approval", reenrolled: !!existing?.droppedAt },
  });
  return row.id;
}
