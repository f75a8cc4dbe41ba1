// In-app notifications, written inside the transaction of the action that causes them. Their
// words pass the one redaction step here, where they are written: a notification built from an
// error (a failed backup) never carries a password or token to every admin's screen.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { redactSecrets } from "../security/redact";

export type NotificationType =
  | "approval_requested"
  | "approval_decided"
  | "attendance_marked"
  | "device_shared"
  | "failed_login_burst"
  | "passkey_suspicious"
  | "passkey_added"
  | "backup_failed"
  | "low_attendance"
  | "low_attendance_withdrawn";

export interface NotificationInput {
  type: NotificationType;
  title: string;
  body?: string;
  link?: string;
}

/** The stored words of a notification: redacted. */
function words(n: NotificationInput) {
  return { title: redactSecrets(n.title), body: redactSecrets(n.body ?? ""), link: n.link ?? null };
}

export async function notifyUser(db: DbOrTx, ctx: Pick<Ctx, "clock">, userId: string, n: NotificationInput) {
  await db.notification.create({
    data: { userId, type: n.type, ...words(n), createdAt: ctx.clock.now() },
  });
}

/** One notification per active admin. */
export async function notifyAdmins(db: DbOrTx, ctx: Pick<Ctx, "clock">, n: NotificationInput) {
  const admins = await db.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true } });
  if (admins.length === 0) return;
  const createdAt = ctx.clock.now();
  await db.notification.createMany({
    data: admins.map((a) => ({ userId: a.id, type: n.type, ...words(n), createdAt })),
  });
}
