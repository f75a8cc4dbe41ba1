import type { Ctx } from "../context";

export async function markAllNotificationsRead(ctx: Ctx, userId: string) {
  const { count } = await ctx.db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: ctx.clock.now() } });
  return { marked: count, unread_count: 0 };
}
