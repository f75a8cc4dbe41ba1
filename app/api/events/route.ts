import { created, route } from "@/lib/http";
import { createEvent } from "@/lib/events/create-event";
import { listEvents } from "@/lib/events/list-events";
import { EventCreateInput, EventListQuery } from "@/lib/events/schemas";

export const GET = route({ operation: "GET /api/events", query: EventListQuery }, ({ ctx, user, query }) => listEvents(ctx, user, query));

export const POST = route({ operation: "POST /api/events", body: EventCreateInput }, async ({ ctx, user, body }) => created(await createEvent(ctx, user.id, body)));
