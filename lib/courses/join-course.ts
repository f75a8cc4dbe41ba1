// A signed-in student enrols themselves with a course's join code. Rate-limited against
// guessing; a student an instructor dropped cannot rejoin this way.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation } from "../errors";
import { enforce } from "../rate-limit/limit";
import { transact } from "../transact";
import { ENROLLMENT_SELECT, enrollmentJson } from "./enrollment-json";
import { resolveJoinCode } from "./resolve-join-code";
import type { Role } from "../auth/policy";

const dropped = (code: string) => new AppError("enrollment_dropped", `You were dropped from ${code}. Ask your instructor to enrol you again.`);

/** Guessing codes: 10 tries per student and 30 per address in 10 minutes, successes included. */
export const JOIN_ATTEMPTS_USER = { name: "join_user", max: 10, windowSeconds: 600 };
export const JOIN_ATTEMPTS_IP = { name: "join_ip", max: 30, windowSeconds: 600 };

/** POST /api/courses/join: a signed-in student enrols themselves with the course's join code. */
export async function joinCourse(ctx: Ctx, student: { id: string; role: Role }, code: string) {
  if (student.role !== "student") throw new AppError("not_a_student", "Only students can join a course.");
  await enforce(ctx, JOIN_ATTEMPTS_USER, student.id, "Too many join attempts. Check the code with your instructor and try again in a few minutes.");
  await enforce(ctx, JOIN_ATTEMPTS_IP, ctx.ip, "Too many join attempts from this network. Try again in a few minutes.");
  const course = await resolveJoinCode(ctx.db, code);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: student.id }, select: { id: true, email: true, fullName: true } });
  const courseJson = { id: course.id, code: course.code, title: course.title, term_label: course.termLabel };
  const existing = await ctx.db.enrollment.findUnique({ where: { courseId_email: { courseId: course.id, email: user.email } }, select: ENROLLMENT_SELECT });
  if (existing?.droppedAt) throw dropped(course.code);
  if (existing) return { course: courseJson, enrollment: enrollmentJson(existing), already_enrolled: true };
  try {
    const row = await transact(ctx, async (tx) => {
      const created = await tx.enrollment.create({
        data: { courseId: course.id, email: user.email, fullName: user.fullName, userId: user.id, source: "join_code", enrolledAt: ctx.clock.now() },
        select: ENROLLMENT_SELECT,
      });
      await recordAudit(tx, ctx, { action: "enrollment_added", actorId: user.id, targetType: "course", targetId: course.id, details: { enrollment_id: created.id, email: user.email, via: "join_code" } });
      return created;
    });
    return { course: courseJson, enrollment: enrollmentJson(row), already_enrolled: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // the same student joined twice at once, or an import added them meanwhile
    const row = await ctx.db.enrollment.findUniqueOrThrow({ where: { courseId_email: { courseId: course.id, email: user.email } }, select: ENROLLMENT_SELECT });
    if (row.droppedAt) throw dropped(course.code);
    return { course: courseJson, enrollment: enrollmentJson(row), already_enrolled: true };
  }
}
