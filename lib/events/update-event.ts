import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import { requireCapability, SITE } from "../auth/authorize";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { bumpCourseVersion } from "../courses/attendance-version";
import { findCourseOrThrow } from "../courses/get-course";
import { eventColumns } from "./event-columns";
import { findEventOrThrow } from "./get-event";
import type { EventOut, EventPatchInput } from "./schemas";
import { eventJson } from "./serialize";

export async function updateEvent(ctx: Ctx, actor: AuthUser, id: string, input: EventPatchInput): Promise<EventOut> {
  const actorId = actor.id;
  // moving an event into a course (or out of one) is creating a session there (docs/design.md#roles-and-permissions)
  if (input.course_id !== undefined) await requireCapability(ctx, actor, "event:create", input.course_id ? { courseId: input.course_id } : SITE);
  return transact(ctx, async (tx) => {
    const current = await findEventOrThrow(tx, id);
    if (input.course_id) await findCourseOrThrow(tx, input.course_id);
    const startsAt = input.starts_at ?? current.startsAt;
    const endsAt = input.ends_at ?? current.endsAt;
    if (endsAt <= startsAt) {
      throw new AppError("validation_failed", "ends_at must be after starts_at.", [{ path: "body.ends_at", code: "custom", message: "must be after starts_at" }]);
    }
    // times, archiving and the course decide which sessions count in a course's rates
    // (in id order: two moves between the same courses never wait on each other crosswise)
    for (const courseId of [...new Set([current.courseId, input.course_id])].flatMap((c) => (c ? [c] : [])).sort()) await bumpCourseVersion(tx, courseId);
    const now = ctx.clock.now();
    const archive = input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? now) : null;
    const event = await tx.event.update({
      where: { id },
      data: {
        ...eventColumns(input),
        archivedAt: archive,
      },
    });
    const changed = Object.keys(input).filter((k) => k !== "archived");
    if (changed.length) await recordAudit(tx, ctx, { action: "event_updated", actorId, targetType: "event", targetId: id, details: { fields: changed } });
    if (input.archived !== undefined && Boolean(current.archivedAt) !== input.archived) {
      await recordAudit(tx, ctx, { action: "event_archived", actorId, targetType: "event", targetId: id, details: { archived: input.archived } });
    }
    return eventJson(event, now);
  });
}
