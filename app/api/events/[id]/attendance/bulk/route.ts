import { bulkMark } from "@/lib/attendance/bulk-mark";
import { BulkMarkInput } from "@/lib/attendance/schemas";
import { IdParams } from "@/lib/events/schemas";
import { route } from "@/lib/http";

/** Mark or excuse the selected students at once, with one reason; each gets their own result. */
export const POST = route({ operation: "POST /api/events/{id}/attendance/bulk", params: IdParams, body: BulkMarkInput }, ({ ctx, user, params, body }) => bulkMark(ctx, user.id, params.id, body));
