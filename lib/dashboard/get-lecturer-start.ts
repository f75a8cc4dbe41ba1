// What the lecturer sees first at /admin: today's classes and the next ones (course sessions
// included), how many signups wait for a decision, and the latest activity. "Today" is the
// calendar day in the college's time zone (COLLEGE_TIMEZONE), the zone timetables are written in.
// Each part holds only what the viewer's role allows (docs/design.md#roles-and-permissions): the
// classes they may open, the signups they may decide, and recent activity for those who may read
// the audit log (null otherwise).
import type { AuditAction } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import { allows } from "../auth/policy";
import { approvalsWhere, eventsWhere } from "../auth/scope-filters";
import type { Ctx } from "../context";
import { checkinState, type CheckinState } from "../events/checkin";
import { collegeDay } from "../time/college-day";

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
  /** null: the viewer does not decide signups */
  pending_approvals: number | null;
  /** null: the viewer may not read the audit log */
  recent_activity: Activity[] | null;
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

export async function getLecturerStart(ctx: Ctx, viewer: Pick<AuthUser, "id" | "role">): Promise<LecturerStart> {
  const now = ctx.clock.now();
  const visible = eventsWhere(viewer, "event:view");
  const seesApprovals = allows(viewer, "approvals:view", { kind: "site" });
  const seesActivity = allows(viewer, "audit:view", { kind: "site" });
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
    ctx.db.event.findMany({ where: { AND: [visible, { archivedAt: null, startsAt: { lt: end }, endsAt: { gte: start } }] }, orderBy: { startsAt: "asc" }, take: 50, select }),
    ctx.db.event.findMany({ where: { AND: [visible, { archivedAt: null, startsAt: { gte: end } }] }, orderBy: { startsAt: "asc" }, take: NEXT_LIMIT, select }),
    seesApprovals ? ctx.db.approvalRequest.count({ where: { AND: [approvalsWhere(viewer), { status: "pending", expiresAt: { gt: now } }] } }) : null,
    seesActivity
      ? ctx.db.auditLog.findMany({
          // activity up to now (the page's clock): on a server whose clock is set back, nothing "from the future"
          where: { action: { notIn: QUIET }, createdAt: { lte: now } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: ACTIVITY_LIMIT,
          select: { id: true, action: true, createdAt: true, actorId: true },
        })
      : [],
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
    recent_activity: !seesActivity ? null : activity.map((a) => ({ id: a.id, action: a.action, actor: (a.actorId && nameOf.get(a.actorId)) || null, created_at: a.createdAt.toISOString() })),
  };
}
