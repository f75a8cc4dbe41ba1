import { created, route } from "@/lib/http";
import { getRoster } from "@/lib/attendance/get-roster";
import { manualMark } from "@/lib/attendance/manual-mark";
import { ManualMarkInput, RosterQuery } from "@/lib/attendance/schemas";
import { IdParams } from "@/lib/events/schemas";

export const GET = route({ operation: "GET /api/events/{id}/attendance", params: IdParams, query: RosterQuery }, ({ ctx, params, query }) => getRoster(ctx, params.id, query));

/** Manual mark by an admin, with a reason. */
export const POST = route({ operation: "POST /api/events/{id}/attendance", params: IdParams, body: ManualMarkInput }, async ({ ctx, user, params, body }) =>
  created(await manualMark(ctx, user.id, params.id, body)),
);
