import { route } from "@/lib/http";
import { IdParams } from "@/lib/events/schemas";
import { stopCheckin } from "@/lib/events/set-checkin";

export const POST = route({ operation: "POST /api/events/{id}/checkin/stop", params: IdParams }, ({ ctx, user, params }) => stopCheckin(ctx, user.id, params.id));
