import { route } from "@/lib/http";
import { getCheckinStatus } from "@/lib/events/checkin-status";
import { CheckinQuery, IdParams } from "@/lib/events/schemas";

export const GET = route({ operation: "GET /api/events/{id}/checkin", params: IdParams, query: CheckinQuery }, ({ ctx, params, query }) => getCheckinStatus(ctx, params.id, query.code));
