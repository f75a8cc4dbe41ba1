import { route } from "@/lib/http";
import { IdParams } from "@/lib/events/schemas";
import { stopCheckin } from "@/lib/events/set-checkin";

export const POST = route({ auth: "admin", params: IdParams }, ({ ctx, user, params }) => stopCheckin(ctx, user.id, params.id));
