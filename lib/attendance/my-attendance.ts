// A student's own history and attendance rate.
// Rate = events attended / events that have started since the account was created (plus any
// attended earlier). There is no enrolment list, so every event in that window counts.
import type { Ctx } from "../context";
import type { MyAttendanceOut } from "./schemas";

export async function myAttendance(ctx: Ctx, userId: string): Promise<MyAttendanceOut> {
  const now = ctx.clock.now();
  const user = await ctx.db.user.findUnique({ where: { id: userId }, select: { createdAt: true } });
  const since = new Date((user?.createdAt ?? now).getTime() - 86_400_000); // the signup day's earlier classes count
  const [records, heldSince] = await Promise.all([
    ctx.db.attendanceRecord.findMany({
      where: { userId },
      orderBy: { markedAt: "desc" },
      take: 500,
      select: { markedAt: true, status: true, method: true, event: { select: { id: true, title: true, location: true, startsAt: true } } },
    }),
    ctx.db.event.count({ where: { startsAt: { gte: since, lte: now }, archivedAt: null } }),
  ]);
  const attendedInWindow = records.filter((r) => r.event.startsAt >= since && r.event.startsAt <= now).length;
  const held = Math.max(heldSince, attendedInWindow) + (records.length - attendedInWindow);
  const attended = records.length;
  return {
    attendance: records.map((r) => ({
      event_id: r.event.id,
      title: r.event.title,
      location: r.event.location,
      starts_at: r.event.startsAt.toISOString(),
      marked_at: r.markedAt.toISOString(),
      status: r.status,
      method: r.method,
    })),
    summary: {
      attended,
      present: records.filter((r) => r.status === "present").length,
      late: records.filter((r) => r.status === "late").length,
      events_held: held,
      rate: held === 0 ? null : Math.round((attended / held) * 1000) / 1000,
    },
  };
}
