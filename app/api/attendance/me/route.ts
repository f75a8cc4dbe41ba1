import { route } from "@/lib/http";
import { myAttendance } from "@/lib/attendance/my-attendance";

export const GET = route({ auth: "user" }, ({ ctx, user }) => myAttendance(ctx, user.id));
