import type { Ctx } from "../context";
import { notFound } from "../errors";
import { toNotificationOut, unreadCount } from "./list-notifications";

/** Mark one of the user's own notifications read (idempotent). Someone else's id is a 404. */
export async function markNotificationRead(ctx: Ctx, userId: string, id: string) {
  // Conditional on the owner: another user's id matches nothing, exactly like a missing one.
  await ctx.db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: ctx.clock.now() } });
  const row = await ctx.db.notification.findFirst({ where: { id, userId } });
  if (!row) throw notFound("That notification");
  return { notification: toNotificationOut(row), unread_count: await unreadCount(ctx, userId) };
}
