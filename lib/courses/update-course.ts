import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import { requireCapability } from "../auth/authorize";
import type { Ctx } from "../context";
import { isUniqueViolation } from "../errors";
import { transact } from "../transact";
import { bumpCourseVersion } from "./attendance-version";
import { courseExists } from "./course-errors";
import { checkLowAttendance } from "./low-attendance";
import { errorFields, log } from "../log";
import { findCourseOrThrow } from "./get-course";
import { assertInstructors, lockCourseStaff, setInstructors, STAFF_TX } from "./instructors";
import type { CoursePatchInput } from "./schemas";
import { COURSE_SELECT, courseJson } from "./serialize";

export async function updateCourse(ctx: Ctx, actor: AuthUser, id: string, input: CoursePatchInput) {
  const actorId = actor.id;
  const now = ctx.clock.now();
  // replacing the instructors is the course:staff capability, beyond course:edit (docs/design.md#roles-and-permissions)
  if (input.instructor_ids) await requireCapability(ctx, actor, "course:staff", { courseId: id });
  let target = { code: input.code ?? "", term: input.term_label ?? "" };
  // the threshold and the warning policy decide who stands warned: re-decide after the change
  const policyChanged = input.threshold_percent !== undefined || input.warn_after_sessions !== undefined || input.warn_grace_hours !== undefined;
  try {
    const course = await transact(ctx, async (tx) => {
      if (input.instructor_ids) await lockCourseStaff(tx, ctx.config.DATABASE_URL, id);
      const current = await findCourseOrThrow(tx, id);
      if (policyChanged) await bumpCourseVersion(tx, id);
      target = { code: input.code ?? current.code, term: input.term_label ?? current.termLabel };
      const archive = input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? now) : null;
      await tx.course.update({
        where: { id },
        data: {
          code: input.code, title: input.title, termLabel: input.term_label, thresholdPercent: input.threshold_percent,
          warnAfterSessions: input.warn_after_sessions, warnGraceHours: input.warn_grace_hours, archivedAt: archive,
        },
      });
      if (input.instructor_ids) await setInstructors(tx, id, await assertInstructors(tx, input.instructor_ids), now);
      const changed = Object.keys(input).filter((k) => k !== "archived");
      if (changed.length) await recordAudit(tx, ctx, { action: "course_updated", actorId, targetType: "course", targetId: id, details: { fields: changed } });
      if (input.archived !== undefined && Boolean(current.archivedAt) !== input.archived) {
        await recordAudit(tx, ctx, { action: "course_archived", actorId, targetType: "course", targetId: id, details: { archived: input.archived } });
      }
      return courseJson(await tx.course.findUniqueOrThrow({ where: { id }, select: COURSE_SELECT }), actorId);
    }, STAFF_TX);
    if (policyChanged) await checkLowAttendance(ctx, id).catch((error: unknown) => log("error", "low-attendance check", { courseId: id, ...errorFields(error) }));
    return course;
  } catch (error) {
    if (isUniqueViolation(error)) throw courseExists(target.code, target.term);
    throw error;
  }
}
