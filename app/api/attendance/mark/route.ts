import { Reply, route } from "@/lib/http";
import { markAttendance } from "@/lib/attendance/mark-attendance";
import { MarkInput } from "@/lib/attendance/schemas";

/** 201 on a new mark, 200 {already_marked: true} on a repeat (idempotent retries). */
export const POST = route({ operation: "POST /api/attendance/mark", body: MarkInput, metric: "mark" }, async ({ ctx, user, body }) => {
  const result = await markAttendance(ctx, user, body);
  return new Reply(result, "already_marked" in result ? 200 : 201);
});
