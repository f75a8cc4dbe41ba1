import { route } from "@/lib/http";
import { deleteEvent } from "@/lib/events/delete-event";
import { getEvent } from "@/lib/events/get-event";
import { DeleteEventQuery, EventPatchInput, IdParams } from "@/lib/events/schemas";
import { updateEvent } from "@/lib/events/update-event";

export const GET = route({ operation: "GET /api/events/{id}", params: IdParams }, ({ ctx, params }) => getEvent(ctx, params.id));

export const PATCH = route({ operation: "PATCH /api/events/{id}", params: IdParams, body: EventPatchInput }, ({ ctx, user, params, body }) =>
  updateEvent(ctx, user, params.id, body),
);

export const DELETE = route({ operation: "DELETE /api/events/{id}", params: IdParams, query: DeleteEventQuery }, ({ ctx, user, params, query }) =>
  deleteEvent(ctx, user.id, params.id, query.confirm === "true"),
);
