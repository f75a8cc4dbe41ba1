import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { shortId } from "../random";
import type { EventCreateInput } from "./schemas";
import { eventJson } from "./serialize";

export async function createEvent(ctx: Ctx, actorId: string, input: EventCreateInput) {
  return transact(ctx, async (tx) => {
    const event = await tx.event.create({
      data: {
        id: shortId(ctx.random),
        title: input.title,
        description: input.description,
        location: input.location,
        startsAt: input.starts_at,
        endsAt: input.ends_at,
        lateAfterMinutes: input.late_after_minutes,
        allowedCidrs: input.allowed_cidrs.join(","),
        geofenceLat: input.geofence?.lat ?? null,
        geofenceLng: input.geofence?.lng ?? null,
        geofenceRadiusM: input.geofence?.radius_m ?? null,
        blockSharedDevices: input.block_shared_devices,
        createdById: actorId,
      },
    });
    await recordAudit(tx, ctx, { action: "event_created", actorId, targetType: "event", targetId: event.id, details: { title: event.title } });
    return eventJson(event, ctx.clock.now());
  });
}
