import { route } from "@/lib/http";
import { unmarkAttendance } from "@/lib/attendance/manual-mark";
import { UnmarkInput } from "@/lib/attendance/schemas";
import { IdParams } from "@/lib/events/schemas";

export const POST = route({ operation: "POST /api/events/{id}/attendance/unmark", params: IdParams, body: UnmarkInput }, ({ ctx, user, params, body }) =>
  unmarkAttendance(ctx, user.id, params.id, body),
);
