import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { shortId } from "../random";
import { findCourseOrThrow } from "../courses/get-course";
import { eventColumns } from "./event-columns";
import type { EventCreateInput, EventOut } from "./schemas";
import { eventJson } from "./serialize";

export async function createEvent(ctx: Ctx, actorId: string, input: EventCreateInput): Promise<EventOut> {
  return transact(ctx, async (tx) => {
    if (input.course_id) await findCourseOrThrow(tx, input.course_id);
    const event = await tx.event.create({
      data: {
        id: shortId(ctx.random),
        ...eventColumns(input),
        // required on create: restated so the types see them defined
        title: input.title,
        startsAt: input.starts_at,
        endsAt: input.ends_at,
        createdById: actorId,
      },
    });
    await recordAudit(tx, ctx, { action: "event_created", actorId, targetType: "event", targetId: event.id, details: { title: event.title } });
    return eventJson(event, ctx.clock.now());
  });
}
