// One phone marking for two accounts in the same event: flagged to admins (audit entry and a
// notification), or refused when the event blocks shared devices.
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import type { DbOrTx, Tx } from "../db";
import { notifyAdmins } from "../notifications/notify";

// marks made from a device are scans, always by an account; a mark recorded against an enrolment has none
const accountsOf = (marks: { userId: string | null }[]) => marks.flatMap((m) => (m.userId ? [m.userId] : []));

/** Inside the mark's transaction: flag the other accounts' marks from this device too. */
export async function flagSharedDevice(tx: Tx, ctx: Ctx, user: AuthUser, event: { id: string; title: string }, deviceId: string, others: { id: string; userId: string | null }[]) {
  await tx.attendanceRecord.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { deviceFlag: true } });
  await recordSharedDevice(tx, ctx, user, event, deviceId, accountsOf(others), false);
}

/** After a refused mark (device_shared): the audit entry and admin notification, outside the rolled-back transaction. */
export async function auditBlockedDevice(ctx: Ctx, user: AuthUser, eventId: string) {
  if (!ctx.deviceId) return;
  const [event, others] = await Promise.all([
    ctx.db.event.findUnique({ where: { id: eventId }, select: { id: true, title: true } }),
    ctx.db.attendanceRecord.findMany({ where: { eventId, deviceId: ctx.deviceId }, select: { userId: true }, take: 20 }),
  ]);
  if (event) await recordSharedDevice(ctx.db, ctx, user, event, ctx.deviceId, accountsOf(others), true);
}

async function recordSharedDevice(db: DbOrTx, ctx: Ctx, user: AuthUser, event: { id: string; title: string }, deviceId: string, otherUserIds: string[], blocked: boolean) {
  await recordAudit(db, ctx, {
    action: "device_shared",
    actorId: user.id,
    targetType: "event",
    targetId: event.id,
    details: { device_id: deviceId, user_ids: [user.id, ...otherUserIds], blocked },
  });
  await notifyAdmins(db, ctx, {
    type: "device_shared",
    title: `One phone marked ${otherUserIds.length + 1} accounts · ${event.title}`,
    body: `${blocked ? "Blocked: " : ""}the same device marked attendance for more than one account in this event.`,
    link: `/admin/events/${event.id}`,
  });
}
