import { route } from "@/lib/http";
import { markAllNotificationsRead } from "@/lib/notifications/mark-all-notifications-read";

export const POST = route({ operation: "POST /api/notifications/read-all" }, ({ ctx, user }) => markAllNotificationsRead(ctx, user.id));
