import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { isUniqueViolation } from "../errors";
import { shortId } from "../random";
import { transact } from "../transact";
import { courseExists } from "./course-errors";
import { assertInstructors, setInstructors } from "./instructors";
import type { CourseCreateInput } from "./schemas";
import { COURSE_SELECT, courseJson } from "./serialize";

export async function createCourse(ctx: Ctx, actorId: string, input: CourseCreateInput) {
  const now = ctx.clock.now();
  try {
    return await transact(ctx, async (tx) => {
      const instructors = await assertInstructors(tx, input.instructor_ids ?? [actorId]);
      const { id } = await tx.course.create({
        data: {
          id: shortId(ctx.random),
          code: input.code,
          title: input.title,
          termLabel: input.term_label,
          thresholdPercent: input.threshold_percent,
          warnAfterSessions: input.warn_after_sessions,
          warnGraceHours: input.warn_grace_hours,
          createdById: actorId,
          createdAt: now,
        },
        select: { id: true },
      });
      await setInstructors(tx, id, instructors, now);
      await recordAudit(tx, ctx, { action: "course_created", actorId, targetType: "course", targetId: id, details: { code: input.code, term_label: input.term_label } });
      return courseJson(await tx.course.findUniqueOrThrow({ where: { id }, select: COURSE_SELECT }), actorId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw courseExists(input.code, input.term_label);
    throw error;
  }
}
