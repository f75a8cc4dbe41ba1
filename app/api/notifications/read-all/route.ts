import { route } from "@/lib/http";
import { markAllNotificationsRead } from "@/lib/notifications/mark-all-notifications-read";

export const POST = route({ auth: "user" }, ({ ctx, user }) => markAllNotificationsRead(ctx, user.id));
