// The roster of one event (docs/courses.md, the live roster): every enrolled student with a
// status derived from the enrolment and the marks (absent and not_marked are never stored),
// walk-ins who marked without being enrolled, removed marks, and the counts. `version` lets the
// live page poll cheaply: it is built from the event's audit trail (every mark, removal, excuse
// and check-in change writes one entry, in its own transaction), the roster's enrolments and
// whether the session is closed — all in the database, so it works across instances.
import { createHash } from "node:crypto";
import type { Ctx } from "../context";
import { findEventOrThrow } from "../events/get-event";
import { matchesSearch } from "../text/fold-for-search";
import type { RosterOut, RosterQuery, RosterStudentOut, RosterUnchangedOut } from "./schemas";
import { markIndex } from "../courses/course-attendance";
import { isSessionClosed, statusOf, wasExpected, type RosterStatus } from "./session-status";

type Event = Awaited<ReturnType<typeof findEventOrThrow>>;

async function rosterVersion(ctx: Ctx, event: Event, closed: boolean): Promise<string> {
  const [trail, enrolments] = await Promise.all([
    ctx.db.auditLog.count({ where: { targetType: "event", targetId: event.id } }),
    event.courseId ? ctx.db.enrollment.aggregate({ where: { courseId: event.courseId }, _count: true, _max: { updatedAt: true } }) : null,
  ]);
  const parts = [trail, closed, event.updatedAt.getTime(), enrolments?._count ?? 0, enrolments?._max.updatedAt?.getTime() ?? 0];
  return createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 16);
}

/** `q` matches name, email or student number, ignoring case and accents ("muller" finds "Müller"). */
const matches = (q: string | undefined) => (s: RosterStudentOut) => !q || matchesSearch(q, s.full_name, s.email, s.student_number);

export async function getRoster(ctx: Ctx, eventId: string, query: RosterQuery = {}): Promise<RosterOut | RosterUnchangedOut> {
  const event = await findEventOrThrow(ctx.db, eventId);
  const now = ctx.clock.now();
  const closed = isSessionClosed(event, now);
  const version = await rosterVersion(ctx, event, closed);
  if (query.since !== undefined && query.since === version) return { event_id: event.id, version, changed: false };

  const [records, enrolments, removals, failedScans, course] = await Promise.all([
    ctx.db.attendanceRecord.findMany({
      where: { eventId },
      orderBy: { markedAt: "asc" },
      select: { userId: true, enrollmentId: true, eventId: true, markedAt: true, status: true, method: true, deviceFlag: true, reason: true, user: { select: { fullName: true, email: true } }, enrollment: { select: { fullName: true, email: true } } },
    }),
    event.courseId
      ? ctx.db.enrollment.findMany({
          where: { courseId: event.courseId },
          orderBy: [{ fullName: "asc" }, { email: "asc" }],
          select: { id: true, email: true, fullName: true, studentNumber: true, userId: true, enrolledAt: true, droppedAt: true },
        })
      : [],
    ctx.db.attendanceRemoval.findMany({
      where: { eventId },
      orderBy: { removedAt: "asc" },
      select: { userId: true, enrollmentId: true, removedAt: true, reason: true, status: true, method: true, user: { select: { fullName: true, email: true } }, enrollment: { select: { fullName: true, email: true } } },
    }),
    ctx.db.auditLog.count({ where: { targetType: "event", targetId: eventId, action: "attendance_failed" } }),
    event.courseId ? ctx.db.course.findUnique({ where: { id: event.courseId }, select: { id: true, code: true, title: true } }) : null,
  ]);

  const markOf = markIndex(records);
  const enrolmentOfUser = new Map(enrolments.flatMap((e) => (e.userId ? [[e.userId, e.id] as const] : [])));
  const enrolledUsers = new Set<string>();
  const enrolled: RosterStudentOut[] = [];
  for (const e of enrolments) {
    const mark = markOf({ enrollmentId: e.id, userId: e.userId }, eventId);
    if (!mark && !wasExpected(e, event)) continue;
    if (e.userId) enrolledUsers.add(e.userId);
    enrolled.push({
      enrollment_id: e.id,
      user_id: e.userId,
      full_name: e.fullName,
      email: e.email,
      student_number: e.studentNumber,
      status: statusOf(mark, closed),
      marked_at: mark?.markedAt.toISOString() ?? null,
      method: mark?.method ?? null,
      device_flag: mark?.deviceFlag ?? false,
      reason: mark?.reason ?? null,
    });
  }
  // marks of accounts not on the roster (a mark recorded against an enrolment is always on it)
  const walkIns: RosterStudentOut[] = records
    .flatMap((r) => (r.userId && r.user && !enrolledUsers.has(r.userId) ? [{ ...r, userId: r.userId, user: r.user }] : []))
    .map((r) => ({
      enrollment_id: null,
      user_id: r.userId,
      full_name: r.user.fullName,
      email: r.user.email,
      student_number: null,
      status: r.status,
      marked_at: r.markedAt.toISOString(),
      method: r.method,
      device_flag: r.deviceFlag,
      reason: r.reason,
    }));

  const byStatus = (s: RosterStatus) => enrolled.filter((x) => x.status === s).length;
  const marks = (f: (r: (typeof records)[number]) => boolean) => records.filter(f).length;
  // every way a student marks with a code (scanner, typed short code, opened link)
  const scans = marks((r) => r.method !== "manual");
  const keep = (s: RosterStudentOut) => matches(query.q)(s) && (!query.status || s.status === query.status);
  return {
    event_id: event.id,
    title: event.title,
    course,
    version,
    changed: true,
    closed,
    status_counts: {
      enrolled: enrolled.length,
      present: byStatus("present"),
      late: byStatus("late"),
      excused: byStatus("excused"),
      absent: byStatus("absent"),
      not_marked: byStatus("not_marked"),
      walk_ins: walkIns.length,
      no_account: enrolled.filter((x) => x.user_id === null).length,
    },
    enrolled: enrolled.filter(keep),
    walk_ins: walkIns.filter(keep),
    removed: removals.map((r) => ({
      user_id: r.userId,
      enrollment_id: r.enrollmentId,
      full_name: (r.user ?? r.enrollment)?.fullName ?? "",
      email: (r.user ?? r.enrollment)?.email ?? "",
      removed_at: r.removedAt.toISOString(),
      reason: r.reason,
      was_status: r.status,
      was_method: r.method,
    })),
    counts: {
      total: records.length,
      present: marks((r) => r.status === "present"),
      late: marks((r) => r.status === "late"),
      excused: marks((r) => r.status === "excused"),
      scan: scans,
      short_code: marks((r) => r.method === "short_code"),
      link: marks((r) => r.method === "link"),
      manual: marks((r) => r.method === "manual"),
      device_flagged: marks((r) => r.deviceFlag),
      failed_scans: failedScans,
      failed_scan_rate: failedScans + scans === 0 ? 0 : Math.round((failedScans / (failedScans + scans)) * 1000) / 1000,
    },
    attendance: records.map((r) => ({
      user_id: r.userId,
      enrollment_id: r.enrollmentId ?? (r.userId ? enrolmentOfUser.get(r.userId) ?? null : null),
      full_name: (r.user ?? r.enrollment)?.fullName ?? "",
      email: (r.user ?? r.enrollment)?.email ?? "",
      marked_at: r.markedAt.toISOString(),
      status: r.status,
      method: r.method,
      device_flag: r.deviceFlag,
      reason: r.reason,
    })),
  };
}

/** The full roster (never the "unchanged" short answer): for pages and the CSV export. */
export async function getFullRoster(ctx: Ctx, eventId: string): Promise<RosterOut> {
  return (await getRoster(ctx, eventId)) as RosterOut;
}
