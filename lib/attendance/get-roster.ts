// The roster of one event: who marked, when, how, flags, and the counts (incl. failed scans).
import type { Ctx } from "../context";
import { findEventOrThrow } from "../events/get-event";
import type { RosterEntryOut, RosterOut } from "./schemas";

export async function getRoster(ctx: Ctx, eventId: string): Promise<RosterOut> {
  const event = await findEventOrThrow(ctx.db, eventId);
  const [records, failedScans] = await Promise.all([
    ctx.db.attendanceRecord.findMany({
      where: { eventId },
      orderBy: { markedAt: "asc" },
      select: {
        userId: true,
        markedAt: true,
        status: true,
        method: true,
        deviceFlag: true,
        reason: true,
        user: { select: { fullName: true, email: true } },
      },
    }),
    ctx.db.auditLog.count({ where: { targetType: "event", targetId: eventId, action: "attendance_failed" } }),
  ]);
  const attendance = records.map((r): RosterEntryOut => ({
    user_id: r.userId,
    full_name: r.user.fullName,
    email: r.user.email,
    marked_at: r.markedAt.toISOString(),
    status: r.status,
    method: r.method,
    device_flag: r.deviceFlag,
    reason: r.reason,
  }));
  const count = (f: (r: (typeof attendance)[number]) => boolean) => attendance.filter(f).length;
  // every way a student marks with a code (scanner, typed short code, opened link)
  const scans = count((r) => r.method !== "manual");
  return {
    event_id: event.id,
    title: event.title,
    counts: {
      total: attendance.length,
      present: count((r) => r.status === "present"),
      late: count((r) => r.status === "late"),
      scan: scans,
      manual: count((r) => r.method === "manual"),
      device_flagged: count((r) => r.device_flag),
      failed_scans: failedScans,
      failed_scan_rate: failedScans + scans === 0 ? 0 : Math.round((failedScans / (failedScans + scans)) * 1000) / 1000,
    },
    attendance,
  };
}
