import { route } from "@/lib/http";
import { IdParams } from "@/lib/events/schemas";
import { startCheckin } from "@/lib/events/set-checkin";

export const POST = route({ operation: "POST /api/events/{id}/checkin/start", params: IdParams }, ({ ctx, user, params }) => startCheckin(ctx, user.id, params.id));
