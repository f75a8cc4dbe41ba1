// In-app notifications, written inside the transaction of the action that causes them.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";

export type NotificationType =
  | "approval_requested"
  | "approval_decided"
  | "attendance_marked"
  | "device_shared"
  | "failed_login_burst"
  | "passkey_suspicious"
  | "backup_failed"
  | "low_attendance";

export interface NotificationInput {
  type: NotificationType;
  title: string;
  body?: string;
  link?: string;
}

export async function notifyUser(db: DbOrTx, ctx: Pick<Ctx, "clock">, userId: string, n: NotificationInput) {
  await db.notification.create({
    data: { userId, type: n.type, title: n.title, body: n.body ?? "", link: n.link ?? null, createdAt: ctx.clock.now() },
  });
}

/** One notification per active admin. */
export async function notifyAdmins(db: DbOrTx, ctx: Pick<Ctx, "clock">, n: NotificationInput) {
  const admins = await db.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true } });
  if (admins.length === 0) return;
  const createdAt = ctx.clock.now();
  await db.notification.createMany({
    data: admins.map((a) => ({ userId: a.id, type: n.type, title: n.title, body: n.body ?? "", link: n.link ?? null, createdAt })),
  });
}
