import { route } from "@/lib/http";
import { myAttendance } from "@/lib/attendance/my-attendance";

export const GET = route({ operation: "GET /api/attendance/me" }, ({ ctx, user }) => myAttendance(ctx, user.id));
