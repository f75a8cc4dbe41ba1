// What the lecturer sees first at /admin: today's classes and the next ones (course sessions
// included), how many signups wait for a decision, and the latest activity. "Today" is the
// calendar day in the college's time zone (COLLEGE_TIMEZONE), the zone timetables are written in.
import type { AuditAction } from "../audit/record";
import type { Ctx } from "../context";
import { checkinState, type CheckinState } from "../events/checkin";
import { zonedToUtc } from "../time/zoned";

export interface StartClass {
  id: string;
  title: string;
  location: string;
  starts_at: string;
  ends_at: string;
  checkin_state: CheckinState;
  course: { id: string; title: string } | null;
  attendance_count: number;
}

export interface LecturerStart {
  now: string;
  time_zone: string;
  today: StartClass[];
  next: StartClass[];
  pending_approvals: number;
  recent_activity: Activity[];
}

export interface Activity {
  id: string;
  action: string;
  actor: string | null;
  created_at: string;
}

/** Machine chatter a lecturer does not need on the start page (every rotation, every token refresh). */
const QUIET: AuditAction[] = ["qr_issued", "token_refreshed", "scan_receipt_issued", "login_ok", "logout", "approval_requested"];
const ACTIVITY_LIMIT = 8;

const NEXT_LIMIT = 5;

/** The college-zone calendar day around `now`, as UTC instants [start, end). */
export function collegeDay(now: Date, timeZone: string): { start: Date; end: Date } {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const start = zonedToUtc(ymd, "00:00", timeZone);
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start, end: zonedToUtc(next, "00:00", timeZone) };
}

export async function getLecturerStart(ctx: Ctx): Promise<LecturerStart> {
  const now = ctx.clock.now();
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const { start, end } = collegeDay(now, timeZone);
  const select = {
    id: true,
    title: true,
    location: true,
    startsAt: true,
    endsAt: true,
    checkinOpenedAt: true,
    checkinClosedAt: true,
    archivedAt: true,
    course: { select: { id: true, title: true } },
    _count: { select: { attendance: true } },
  } as const;
  const [today, next, pending, activity] = await Promise.all([
    ctx.db.event.findMany({ where: { archivedAt: null, startsAt: { lt: end }, endsAt: { gte: start } }, orderBy: { startsAt: "asc" }, take: 50, select }),
    ctx.db.event.findMany({ where: { archivedAt: null, startsAt: { gte: end } }, orderBy: { startsAt: "asc" }, take: NEXT_LIMIT, select }),
    ctx.db.approvalRequest.count({ where: { status: "pending", expiresAt: { gt: now } } }),
    ctx.db.auditLog.findMany({
      where: { action: { notIn: QUIET } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ACTIVITY_LIMIT,
      select: { id: true, action: true, createdAt: true, actorId: true },
    }),
  ]);
  const actorIds = [...new Set(activity.map((a) => a.actorId).filter((id): id is string => !!id))];
  const actors = actorIds.length ? await ctx.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, fullName: true } }) : [];
  const nameOf = new Map(actors.map((a) => [a.id, a.fullName]));
  const json = (e: (typeof today)[number]): StartClass => ({
    id: e.id,
    title: e.title,
    location: e.location,
    starts_at: e.startsAt.toISOString(),
    ends_at: e.endsAt.toISOString(),
    checkin_state: checkinState(e, now),
    course: e.course,
    attendance_count: e._count.attendance,
  });
  return {
    now: now.toISOString(),
    time_zone: timeZone,
    today: today.map(json),
    next: next.map(json),
    pending_approvals: pending,
    recent_activity: activity.map((a) => ({ id: a.id, action: a.action, actor: (a.actorId && nameOf.get(a.actorId)) || null, created_at: a.createdAt.toISOString() })),
  };
}
