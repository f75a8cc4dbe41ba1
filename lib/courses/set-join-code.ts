// A course's join code: rotate (a new one; the old stops working at once) or disable.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { isUniqueViolation } from "../errors";
import { shortCode } from "../random";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";

/** 8 characters of the unambiguous alphabet: 25^8 ≈ 1.5·10^11 codes, against a rate-limited guesser. */
export const JOIN_CODE_LENGTH = 8;

export async function setJoinCode(ctx: Ctx, actorId: string, courseId: string, action: "rotate" | "disable") {
  for (let attempt = 0; ; attempt++) {
    const code = action === "rotate" ? shortCode(ctx.random, JOIN_CODE_LENGTH) : null;
    try {
      return await transact(ctx, async (tx) => {
        await findCourseOrThrow(tx, courseId);
        await tx.course.update({ where: { id: courseId }, data: { joinCode: code, joinCodeRotatedAt: ctx.clock.now() } });
        await recordAudit(tx, ctx, { action: "join_code_changed", actorId, targetType: "course", targetId: courseId, details: { action } });
        return { course_id: courseId, join_code: code };
      });
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error; // another course drew the same code
    }
  }
}
