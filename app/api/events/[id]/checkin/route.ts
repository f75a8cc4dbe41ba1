import { route } from "@/lib/http";
import { getCheckinStatus } from "@/lib/events/checkin-status";
import { IdParams } from "@/lib/events/schemas";

export const GET = route({ auth: "admin", params: IdParams }, ({ ctx, params }) => getCheckinStatus(ctx, params.id));
