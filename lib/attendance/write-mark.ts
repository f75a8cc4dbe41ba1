// Step 3 of a scan: the one transaction that writes the used nonce (per student) and the
// attendance record, with the device, its flag, the audit entry and the student's notification.
// The database's unique constraints — (nonce, user) and (user, event) — are the guard against
// replays and races (docs/design.md#attendance); losing the race reads the original mark.
// Kept lean (about ten statements): this is the path 300 students hit within ten seconds.
import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { notifyUser } from "../notifications/notify";
import { METHOD_OF, type ScanAttempt } from "./scan-attempt";
import { markedEvent, type ScanTarget } from "./scan-target";
import type { AlreadyMarkedOut, MarkedOut } from "./schemas";
import { flagSharedDevice } from "./shared-device";
import { statusAt } from "./status-at";
import { formatTime } from "../time/format";

export interface WriteOptions {
  /** when the student scanned (a scan receipt completes the mark as of its scan time) */
  at: Date;
  via: ScanAttempt["via"];
  /** extra work inside the transaction, e.g. spending a scan receipt */
  inTransaction?: (tx: Tx) => Promise<void>;
}

export async function writeMark(ctx: Ctx, user: AuthUser, target: ScanTarget, opts: WriteOptions): Promise<MarkedOut | AlreadyMarkedOut> {
  const now = ctx.clock.now();
  const event = target.event;
  const status = statusAt(event, opts.at);
  const deviceId = ctx.deviceId;
  try {
    return await transact(
      ctx,
      async (tx) => {
        await opts.inTransaction?.(tx);
        await tx.usedNonce.create({ data: { nonce: target.nonce, userId: user.id, qrSessionId: target.id, usedAt: now } });
        let deviceFlag = false;
        if (deviceId) {
          await tx.device.upsert({
            where: { id: deviceId },
            create: { id: deviceId, firstSeenAt: now, lastSeenAt: now, userAgent: ctx.userAgent },
            update: { lastSeenAt: now },
          });
          const others = await tx.attendanceRecord.findMany({
            where: { eventId: event.id, deviceId, userId: { not: user.id } },
            select: { id: true, userId: true },
            take: 20,
          });
          if (others.length > 0) {
            if (event.blockSharedDevices) {
              throw new AppError("device_shared", "This phone was already used to mark another student for this event. Use your own phone.");
            }
            deviceFlag = true;
            await flagSharedDevice(tx, ctx, user, event, deviceId, others);
          }
        }
        const record = await tx.attendanceRecord.create({
          data: {
            userId: user.id,
            eventId: event.id,
            markedAt: opts.at,
            status,
            method: METHOD_OF[opts.via],
            qrSessionId: target.id,
            deviceId,
            deviceFlag,
            ipAddress: ctx.ip,
          },
          select: { id: true },
        });
        await recordAudit(tx, ctx, {
          action: "attendance_marked",
          actorId: user.id,
          targetType: "event",
          targetId: event.id,
          details: { record_id: record.id, status, via: opts.via, qr_session_id: target.id, device_flag: deviceFlag, scanned_at: opts.at.toISOString() },
        });
        await notifyUser(tx, ctx, user.id, {
          type: "attendance_marked",
          title: `Marked ${status} · ${event.title}`,
          body: `Your attendance was recorded at ${formatTime(opts.at, { timeZone: ctx.config.COLLEGE_TIMEZONE, style: "datetime-seconds" })}.`,
          link: "/home",
        });
        return { status, event: markedEvent(target), marked_at: opts.at.toISOString(), device_flag: deviceFlag };
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either this nonce was already used by this student, or they are already marked for the event.
    const existing = await ctx.db.attendanceRecord.findUnique({
      where: { userId_eventId: { userId: user.id, eventId: event.id } },
      select: { markedAt: true, status: true },
    });
    if (existing) return { already_marked: true, status: existing.status, event: markedEvent(target), marked_at: existing.markedAt.toISOString() };
    throw new AppError("conflict", "You already used this code and your mark was removed by an organiser. Ask them, or scan the current code.");
  }
}
