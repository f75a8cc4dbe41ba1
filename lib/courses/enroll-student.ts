// An instructor enrols one student: an account (found by name with GET /api/admin/users), or an
// email and name without one. The unique (course, email) key is the guard: a second enrolment of
// the same email is a 409; a dropped student is enrolled again. A pending signup with this
// email is approved at once (roster-signups.ts).
import { normalizeEmail } from "../accounts/normalize-email";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, isRecordNotFound, isUniqueViolation, notFound } from "../errors";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";
import { ENROLLMENT_SELECT, enrollmentJson } from "./enrollment-json";
import { approveRosteredSignups } from "./roster-signups";
import type { EnrollInput } from "./schemas";

const enrollmentExists = (email: string) => new AppError("enrollment_exists", `${email} is already enrolled in this course.`);

export async function enrollStudent(ctx: Ctx, actorId: string, courseId: string, input: EnrollInput) {
  const now = ctx.clock.now();
  let person: { email: string; fullName: string; userId: string | null };
  if (input.user_id) {
    const user = await ctx.db.user.findUnique({ where: { id: input.user_id }, select: { id: true, email: true, fullName: true, role: true } });
    if (!user) throw notFound("This user");
    if (user.role !== "student") throw new AppError("not_a_student", "Only students can be enrolled.");
    person = { email: user.email, fullName: input.full_name ?? user.fullName, userId: user.id };
  } else {
    const email = normalizeEmail(input.email!);
    const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, role: true } });
    if (user && user.role !== "student") throw new AppError("not_a_student", "Only students can be enrolled.");
    person = { email, fullName: input.full_name!, userId: user?.id ?? null };
  }
  try {
    const result = await transact(ctx, async (tx) => {
      await findCourseOrThrow(tx, courseId);
      const existing = await tx.enrollment.findUnique({ where: { courseId_email: { courseId, email: person.email } }, select: { id: true, droppedAt: true } });
      if (existing && !existing.droppedAt) throw enrollmentExists(person.email);
      const data = { fullName: person.fullName, studentNumber: input.student_number || undefined, userId: person.userId };
      const row = existing
        ? await tx.enrollment.update({ where: { id: existing.id, droppedAt: { not: null } }, data: { ...data, droppedAt: null }, select: ENROLLMENT_SELECT })
        : await tx.enrollment.create({ data: { ...data, courseId, email: person.email, source: "manual", enrolledAt: now }, select: ENROLLMENT_SELECT });
      await recordAudit(tx, ctx, { action: "enrollment_added", actorId, targetType: "course", targetId: courseId, details: { enrollment_id: row.id, email: person.email, via: "manual", reenrolled: !!existing } });
      return { row, reenrolled: !!existing };
    });
    const approved = await approveRosteredSignups(ctx, [person.email]);
    const row = approved.length ? await ctx.db.enrollment.findUniqueOrThrow({ where: { id: result.row.id }, select: ENROLLMENT_SELECT }) : result.row;
    return { enrollment: enrollmentJson(row), reenrolled: result.reenrolled, approved_signup: approved.length > 0 };
  } catch (error) {
    // a concurrent enrolment of the same email won the unique key (or re-enrolled the dropped row first)
    if (isUniqueViolation(error) || isRecordNotFound(error)) throw enrollmentExists(person.email);
    throw error;
  }
}
