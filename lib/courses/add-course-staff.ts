// Add a person to a course's staff, or change their role there (docs/courses.md#staff). An
// instructor must be an active instructor or admin account; a teaching assistant any active
// account (a student helping out, or a colleague). One row per person and course (the primary
// key). Changes of one course's staff run one at a time under its staff lock, so adding someone
// twice at once makes one row, and turning the last instructor into an assistant is refused
// (409 last_instructor).
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { AppError, notFound } from "../errors";
import { transact } from "../transact";
import { findStaffMember, staffJson } from "./course-staff";
import { findCourseOrThrow } from "./get-course";
import { lockCourseStaff, STAFF_TX } from "./instructors";
import type { StaffInput } from "./schemas";

export async function addCourseStaff(ctx: Ctx, actor: Pick<AuthUser, "id">, courseId: string, input: StaffInput) {
  const now = ctx.clock.now();
  return transact(ctx, async (tx) => {
    await lockCourseStaff(tx, ctx.config.DATABASE_URL, courseId);
    await findCourseOrThrow(tx, courseId);
    const person = await tx.user.findUnique({ where: { id: input.user_id }, select: { role: true, status: true } });
    if (!person || person.status !== "active") throw notFound("That account");
    if (input.role === "instructor" && person.role === "student") {
      throw new AppError("validation_failed", "Invalid body: an instructor must have an instructor or admin account; add a student as a teaching assistant.", [
        { path: "body.role", code: "not_staff", message: "this account is a student's" },
      ]);
    }
    const before = await findStaffMember(tx, courseId, input.user_id);
    if (before?.role === input.role) return { member: staffJson(before), changed: false, joined: false };
    if (before) {
      if (before.role === "instructor") await assertAnotherInstructor(tx, courseId, input.user_id);
      await tx.courseInstructor.update({ where: { courseId_userId: { courseId, userId: input.user_id } }, data: { role: input.role } });
    } else {
      await tx.courseInstructor.create({ data: { courseId, userId: input.user_id, role: input.role, addedAt: now } });
    }
    await recordAudit(tx, ctx, {
      action: "course_staff_changed",
      actorId: actor.id,
      targetType: "course",
      targetId: courseId,
      details: { user_id: input.user_id, from: before?.role ?? null, to: input.role },
    });
    return { member: staffJson((await findStaffMember(tx, courseId, input.user_id))!), changed: true, joined: !before };
  }, STAFF_TX);
}

/** Refuse to leave a course without an instructor (the caller holds the course's staff lock). */
export async function assertAnotherInstructor(tx: Parameters<typeof findStaffMember>[0], courseId: string, leavingUserId: string): Promise<void> {
  const others = await tx.courseInstructor.count({ where: { courseId, role: "instructor", userId: { not: leavingUserId } } });
  if (others === 0) throw new AppError("last_instructor", "This is the course's only instructor: add another instructor first.");
}
