import { route } from "@/lib/http";
import { getCheckinStatus } from "@/lib/events/checkin-status";
import { z } from "zod";
import { IdParams, ShortIdSchema } from "@/lib/events/schemas";

const Query = z.strictObject({ code: ShortIdSchema.optional() });

export const GET = route({ auth: "admin", params: IdParams, query: Query }, ({ ctx, params, query }) => getCheckinStatus(ctx, params.id, query.code));
