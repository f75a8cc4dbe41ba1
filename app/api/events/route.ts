import { created, route } from "@/lib/http";
import { createEvent } from "@/lib/events/create-event";
import { listEvents } from "@/lib/events/list-events";
import { EventCreateInput, EventListQuery } from "@/lib/events/schemas";

export const GET = route({ auth: "admin", query: EventListQuery }, ({ ctx, query }) => listEvents(ctx, query));

export const POST = route({ auth: "admin", body: EventCreateInput }, async ({ ctx, user, body }) => created(await createEvent(ctx, user.id, body)));
