import { route } from "@/lib/http";
import { markNotificationRead } from "@/lib/notifications/mark-notification-read";
import { IdParams } from "@/lib/notifications/schemas";

export const POST = route({ operation: "POST /api/notifications/{id}/read", params: IdParams }, ({ ctx, user, params }) => markNotificationRead(ctx, user.id, params.id));
