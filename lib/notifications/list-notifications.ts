import type { Ctx } from "../context";
import { NEWEST_FIRST, afterCursor, pageOf } from "../pagination";
import type { NotificationList, NotificationListQuery, NotificationOut } from "./schemas";

interface NotificationRow {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export function toNotificationOut(n: NotificationRow): NotificationOut {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    link: n.link,
    read_at: n.readAt?.toISOString() ?? null,
    created_at: n.createdAt.toISOString(),
  };
}

export const unreadCount = (ctx: Ctx, userId: string) => ctx.db.notification.count({ where: { userId, readAt: null } });

/** The user's own notifications, newest first, with the unread count. */
export async function listNotifications(ctx: Ctx, userId: string, query: NotificationListQuery): Promise<NotificationList> {
  const where = { userId, ...(query.unread === "true" ? { readAt: null } : {}), ...afterCursor(query.cursor) };
  const [rows, unread] = await Promise.all([
    ctx.db.notification.findMany({ where, orderBy: NEWEST_FIRST, take: query.limit + 1 }),
    unreadCount(ctx, userId),
  ]);
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { notifications: items.map(toNotificationOut), unread_count: unread, next_cursor: nextCursor };
}
