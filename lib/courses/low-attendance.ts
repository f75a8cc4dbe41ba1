// The low-attendance warning (docs/courses.md#low-attendance-warning): warnings that wait and
// stay true. A student is warned once per fall below the course's threshold — not before the
// course's "warn after" number of held sessions, not before a session has been closed for the
// grace period (so excuses land first) — with the rate at sending time; the warning is withdrawn
// (kept, marked resolved, with a short note to the student) when the rate recovers; a new one
// comes only after recovering and falling again. The policy is decideStanding (standing.ts).
//
// Every decision is written under the attendance versions (attendance-version.ts): the
// course-wide check computes outside a transaction and writes only if no rate-changing write
// happened since, else it decides again; a manual mark decides for its student inside its own
// transaction, under the lock it took. So a warning is never written from a stale rate,
// whichever of the minute sweep, another instance or a lecturer's excuse comes first; the
// unique (course, user, open) key keeps one standing warning per student whatever happens.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { errorFields, log } from "../log";
import { enqueueMail } from "../mail/enqueue-mail";
import { lowAttendanceWarningMail } from "../mail/templates/low-attendance-warning";
import { notifyUser } from "../notifications/notify";
import { transact } from "../transact";
import { holdCourseVersions, lockCourse, readVersions } from "./attendance-version";
import { closedAt } from "./course-attendance";
import { loadCourseAttendance, type CourseAttendance } from "./load-course-attendance";
import { decideStanding, type StandingDecision } from "./standing";

export interface StandingChanges {
  warned: string[];
  withdrawn: string[];
}

type Course = CourseAttendance["course"];
type Decided = { userId: string; decision: NonNullable<StandingDecision> };

const percentOf = (rate: number) => Math.round(rate * 100);

/** What the student reads (in the app; the mail says the same). */
export function standingMessage(course: Pick<Course, "code" | "title" | "thresholdPercent">, decision: NonNullable<StandingDecision>) {
  const p = percentOf(decision.rate);
  if (decision.kind === "warn") {
    return {
      title: `Your attendance in ${course.code} is ${p} %`,
      body: `${course.title} requires ${course.thresholdPercent} %. Talk to your instructor if something keeps you from coming.`,
    };
  }
  return {
    title: `Your attendance in ${course.code} is back ${p > course.thresholdPercent ? "above" : "at"} ${course.thresholdPercent} %`,
    body: `It is ${p} % now: the earlier low-attendance warning is withdrawn.`,
  };
}

function decide(loaded: CourseAttendance, warnedUsers: ReadonlySet<string>): Decided[] {
  if (loaded.course.archivedAt) return [];
  return loaded.rows.flatMap((r) => {
    const userId = r.student.userId;
    if (!userId) return []; // no account yet: nobody to tell
    const decision = decideStanding(r, loaded.course, warnedUsers.has(userId));
    return decision ? [{ userId, decision }] : [];
  });
}

/** Write the decisions; the caller holds the course's attendance lock. Re-reads the standing warnings under it. */
async function apply(tx: Tx, ctx: Ctx, course: Course, decided: Decided[]): Promise<StandingChanges> {
  const now = ctx.clock.now();
  const standing = new Map(
    (await tx.lowAttendanceAlert.findMany({ where: { courseId: course.id, open: true, userId: { in: decided.map((d) => d.userId) } }, select: { id: true, userId: true } })).map((a) => [a.userId, a.id]),
  );
  const people = new Map(
    (await tx.user.findMany({ where: { id: { in: decided.map((d) => d.userId) } }, select: { id: true, email: true, fullName: true } })).map((u) => [u.id, u]),
  );
  const changes: StandingChanges = { warned: [], withdrawn: [] };
  for (const { userId, decision } of decided) {
    const alertId = standing.get(userId);
    if (decision.kind === "warn") {
      if (alertId) continue;
      await tx.lowAttendanceAlert.create({ data: { courseId: course.id, userId, rate: decision.rate, createdAt: now, open: true } });
    } else {
      if (!alertId) continue;
      const { count } = await tx.lowAttendanceAlert.updateMany({ where: { id: alertId, open: true }, data: { open: null, resolvedAt: now, resolvedRate: decision.rate } });
      if (count !== 1) continue;
    }
    // in the app and by mail, in the same transaction as the decision (docs/design.md#outgoing-mail)
    await notifyUser(tx, ctx, userId, { type: decision.kind === "warn" ? "low_attendance" : "low_attendance_withdrawn", ...standingMessage(course, decision), link: "/home" });
    const person = people.get(userId);
    if (person) await enqueueMail(tx, ctx, lowAttendanceWarningMail(ctx.config, person, course, decision));
    await recordAudit(tx, ctx, {
      action: decision.kind === "warn" ? "low_attendance_warned" : "low_attendance_withdrawn",
      targetType: "course",
      targetId: course.id,
      details: { user_id: userId, rate: decision.rate, threshold_percent: course.thresholdPercent },
    });
    (decision.kind === "warn" ? changes.warned : changes.withdrawn).push(userId);
  }
  return changes;
}

const openWarnings = async (ctx: Pick<Ctx, "db">, courseId: string) =>
  new Set((await ctx.db.lowAttendanceAlert.findMany({ where: { courseId, open: true }, select: { userId: true } })).map((a) => a.userId));

const OPTIMISTIC_TRIES = 4;

// Checks of one course in this process run one after another, and callers that arrive while a
// check is waiting to start share it (it will read their change): a burst of sweeps and
// settings changes costs at most two runs and never queues dozens of transactions on the
// course's lock. Other instances are kept right by the lock itself.
const waiting = new Map<string, { ctx: Ctx; run: Promise<StandingChanges> }>();
const last = new Map<string, Promise<unknown>>();

/** Decide and write every enrolled student's standing in one course (the sweep, a settings change). */
export function checkLowAttendance(ctx: Ctx, courseId: string): Promise<StandingChanges> {
  const queued = waiting.get(courseId);
  if (queued && queued.ctx === ctx) return queued.run;
  const run = (last.get(courseId) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      if (waiting.get(courseId)?.run === run) waiting.delete(courseId);
      return decideCourseStandings(ctx, courseId);
    });
  waiting.set(courseId, { ctx, run });
  last.set(courseId, run);
  void run.catch(() => undefined).finally(() => last.get(courseId) === run && last.delete(courseId));
  return run;
}

async function decideCourseStandings(ctx: Ctx, courseId: string): Promise<StandingChanges> {
  for (let attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
    const seen = await readVersions(ctx.db, courseId);
    const loaded = await loadCourseAttendance(ctx.db, courseId, ctx.clock.now());
    const decided = decide(loaded, await openWarnings(ctx, courseId));
    if (!decided.length || !seen) return { warned: [], withdrawn: [] };
    const written = await transact(ctx, async (tx) => ((await holdCourseVersions(tx, courseId, seen)) ? apply(tx, ctx, loaded.course, decided) : null));
    if (written) return written;
    // a mark, excuse or removal landed since the rates were read: read them again
  }
  // rates keep moving (a lecturer marking many students): decide under the lock instead
  return transact(ctx, async (tx) => {
    await lockCourse(tx, courseId);
    const loaded = await loadCourseAttendance(tx, courseId, ctx.clock.now());
    const warned = new Set((await tx.lowAttendanceAlert.findMany({ where: { courseId, open: true }, select: { userId: true } })).map((a) => a.userId));
    return apply(tx, ctx, loaded.course, decide(loaded, warned));
  }, { maxWait: 15_000, timeout: 30_000 });
}

/**
 * One student's standing, inside the transaction of a change to their attendance: the caller
 * has bumped their enrolment's attendance version in `tx` (so holds its lock), and the rate
 * read here includes the change.
 */
export async function reviewStanding(tx: Tx, ctx: Ctx, courseId: string, enrollmentId: string): Promise<StandingChanges> {
  const loaded = await loadCourseAttendance(tx, courseId, ctx.clock.now(), { enrollmentId });
  const userId = loaded.rows[0]?.student.userId;
  if (!userId) return { warned: [], withdrawn: [] };
  const warned = (await tx.lowAttendanceAlert.count({ where: { courseId, userId, open: true } })) > 0;
  return apply(tx, ctx, loaded.course, decide(loaded, warned ? new Set([userId]) : new Set()));
}

const SWEEP_BATCH = 500;

/**
 * Sessions that settled (closed at least their course's grace period ago) and were not checked
 * yet: claim each (one instance wins, by a conditional update), then check each course once.
 * `eventId` narrows it to one session (stopping check-in settles it at once when the grace is 0).
 */
export async function sweepEndedSessions(ctx: Ctx, eventId?: string): Promise<number> {
  const now = ctx.clock.now();
  const candidates = await ctx.db.event.findMany({
    where: { ...(eventId && { id: eventId }), courseId: { not: null }, lowAttendanceCheckedAt: null, archivedAt: null, OR: [{ endsAt: { lte: now } }, { checkinClosedAt: { lte: now } }] },
    orderBy: { endsAt: "asc" },
    take: SWEEP_BATCH,
    select: { id: true, courseId: true, endsAt: true, checkinClosedAt: true, course: { select: { warnGraceHours: true } } },
  });
  // course → the sessions this call claimed for it
  const claimed = new Map<string, string[]>();
  for (const e of candidates) {
    if (closedAt(e).getTime() + e.course!.warnGraceHours * 3_600_000 > now.getTime()) continue;
    const { count } = await ctx.db.event.updateMany({ where: { id: e.id, lowAttendanceCheckedAt: null }, data: { lowAttendanceCheckedAt: now } });
    if (count === 1) claimed.set(e.courseId!, [...(claimed.get(e.courseId!) ?? []), e.id]);
  }
  for (const [courseId, eventIds] of claimed) {
    await checkLowAttendance(ctx, courseId).catch(async (error: unknown) => {
      log("error", "low-attendance check", { courseId, ...errorFields(error) });
      // a check that failed (the database busy, say) gives its sessions back, so the next
      // minute's sweep checks them again rather than never warning anyone about them
      await ctx.db.event
        .updateMany({ where: { id: { in: eventIds }, lowAttendanceCheckedAt: now }, data: { lowAttendanceCheckedAt: null } })
        .catch((releaseError: unknown) => log("error", "low-attendance claim release", { courseId, ...errorFields(releaseError) }));
    });
  }
  return claimed.size;
}

const SWEEP_EVERY_MS = 60_000;

/** Started by server.ts (the long-lived process): sweep settled sessions every minute. */
export function startLowAttendanceSweep(makeCtx: () => Promise<Ctx>): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void makeCtx()
      .then((ctx) => sweepEndedSessions(ctx))
      .catch((error: unknown) => log("error", "low-attendance sweep", errorFields(error)))
      .finally(() => (running = false));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
