import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { isUniqueViolation } from "../errors";
import { transact } from "../transact";
import { courseExists } from "./course-errors";
import { findCourseOrThrow } from "./get-course";
import { assertInstructors, setInstructors } from "./instructors";
import type { CoursePatchInput } from "./schemas";
import { COURSE_SELECT, courseJson } from "./serialize";

export async function updateCourse(ctx: Ctx, actorId: string, id: string, input: CoursePatchInput) {
  const now = ctx.clock.now();
  let target = { code: input.code ?? "", term: input.term_label ?? "" };
  try {
    return await transact(ctx, async (tx) => {
      const current = await findCourseOrThrow(tx, id);
      target = { code: input.code ?? current.code, term: input.term_label ?? current.termLabel };
      const archive = input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? now) : null;
      await tx.course.update({
        where: { id },
        data: { code: input.code, title: input.title, termLabel: input.term_label, thresholdPercent: input.threshold_percent, archivedAt: archive },
      });
      if (input.instructor_ids) await setInstructors(tx, id, await assertInstructors(tx, input.instructor_ids), now);
      const changed = Object.keys(input).filter((k) => k !== "archived");
      if (changed.length) await recordAudit(tx, ctx, { action: "course_updated", actorId, targetType: "course", targetId: id, details: { fields: changed } });
      if (input.archived !== undefined && Boolean(current.archivedAt) !== input.archived) {
        await recordAudit(tx, ctx, { action: "course_archived", actorId, targetType: "course", targetId: id, details: { archived: input.archived } });
      }
      return courseJson(await tx.course.findUniqueOrThrow({ where: { id }, select: COURSE_SELECT }), actorId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw courseExists(target.code, target.term);
    throw error;
  }
}
