// Remove a person from a course's staff (docs/courses.md#staff). The last instructor stays:
// the count is read under the course's staff lock, so two instructors removing each other at
// once leave one (409 last_instructor for the second).
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { transact } from "../transact";
import { assertAnotherInstructor } from "./add-course-staff";
import { findStaffMember, staffJson } from "./course-staff";
import { findCourseOrThrow } from "./get-course";
import { lockCourseStaff, STAFF_TX } from "./instructors";

export async function removeCourseStaff(ctx: Ctx, actor: Pick<AuthUser, "id">, courseId: string, userId: string) {
  return transact(ctx, async (tx) => {
    await lockCourseStaff(tx, ctx.config.DATABASE_URL, courseId);
    await findCourseOrThrow(tx, courseId);
    const member = await findStaffMember(tx, courseId, userId);
    if (!member) throw notFound("That member of the course's staff");
    if (member.role === "instructor") await assertAnotherInstructor(tx, courseId, userId);
    await tx.courseInstructor.delete({ where: { courseId_userId: { courseId, userId } } });
    await recordAudit(tx, ctx, { action: "course_staff_changed", actorId: actor.id, targetType: "course", targetId: courseId, details: { user_id: userId, from: member.role, to: null } });
    return { removed: staffJson(member) };
  }, STAFF_TX);
}
