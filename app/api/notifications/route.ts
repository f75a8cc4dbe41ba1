import { route } from "@/lib/http";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { NotificationListQuery } from "@/lib/notifications/schemas";

export const GET = route({ operation: "GET /api/notifications", query: NotificationListQuery }, ({ ctx, user, query }) =>
  listNotifications(ctx, user.id, query),
);
