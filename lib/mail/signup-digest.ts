// Pending signups are announced to their deciders in batches (docs/design.md#outgoing-mail): a
// sweep (started by server.ts) finds approval requests no digest has covered yet and tells each
// decider "3 students are waiting" — in the bell and by mail — at most once a minute per decider,
// however many students sign up. The minute is a database rate-limit slot (one atomic claim per
// decider), so several instances sweeping at once still send one digest. A decider is told about
// requests made after their last digest; a request is marked announced once every decider has been.
// Deciders: the active admins, and for a request naming a course (its join code at signup or on
// the waiting page) that course's instructors too (lib/auth/authorize.ts, approvalContext); each
// digest counts only the requests its reader may decide (approvalsWhere).
import type { Role } from "../auth/policy";
import { approvalsWhere, courseRolesWith } from "../auth/scope-filters";
import { fixedClock } from "../clock";
import type { Ctx } from "../context";
import { notifyUser } from "../notifications/notify";
import { hit, type LimitRule } from "../rate-limit/limit";
import { transact } from "../transact";
import { enqueueMail } from "./enqueue-mail";
import { signupsWaitingMail, waitingHeadline, waitingList } from "./templates/signups-waiting";

/** At most one digest per decider per minute. */
export const SIGNUP_DIGEST_RULE: LimitRule = { name: "signup_digest", max: 1, windowSeconds: 60 };
const LISTED = 5;

export async function announceWaitingSignups(ctx: Ctx): Promise<{ digests: number; announced: number }> {
  const now = ctx.clock.now();
  const fresh = await ctx.db.approvalRequest.findMany({
    where: { status: "pending", announcedAt: null, expiresAt: { gt: now } },
    select: { id: true, requestedAt: true, courseId: true },
    orderBy: { requestedAt: "asc" },
    take: 500,
  });
  if (fresh.length === 0) return { digests: 0, announced: 0 };
  const deciders = await decidersOf(ctx, fresh);
  const mayDecide = (d: Decider, r: (typeof fresh)[number]) => d.role === "admin" || (r.courseId !== null && d.courses.has(r.courseId));
  const toldAt = await lastDigests(ctx, deciders.map((d) => d.id));
  let digests = 0;
  for (const decider of deciders) {
    const last = toldAt.get(decider.id);
    const newest = fresh.filter((r) => mayDecide(decider, r)).at(-1)?.requestedAt;
    if (!newest || (last && last >= newest)) continue; // nothing fresh for them, or told about it all
    const slot = await hit(ctx, SIGNUP_DIGEST_RULE, decider.id);
    if (slot.limited) continue; // told within the minute: next sweep
    // the digest carries the slot's start, so two digests' times are a full minute apart too
    const at = new Date(slot.resetAt.getTime() - SIGNUP_DIGEST_RULE.windowSeconds * 1000);
    if (await sendDigest({ ...ctx, clock: fixedClock(at) }, decider)) {
      digests++;
      toldAt.set(decider.id, at);
    }
  }
  const everyoneTold = (r: (typeof fresh)[number]) => deciders.every((d) => !mayDecide(d, r) || (toldAt.get(d.id)?.getTime() ?? -Infinity) >= r.requestedAt.getTime());
  const done = fresh.filter(everyoneTold).map((r) => r.id);
  const { count } = done.length ? await ctx.db.approvalRequest.updateMany({ where: { id: { in: done }, announcedAt: null }, data: { announcedAt: now } }) : { count: 0 };
  return { digests, announced: count };
}

interface Decider {
  id: string;
  email: string;
  role: Role;
  /** the courses (among the fresh requests') where they decide signups */
  courses: Set<string>;
}

/** The active admins, and the instructors of the courses the fresh requests name. */
async function decidersOf(ctx: Ctx, fresh: { courseId: string | null }[]): Promise<Decider[]> {
  const admins = await ctx.db.user.findMany({ where: { role: "admin", status: "active" }, select: { id: true, email: true, role: true } });
  const byId = new Map<string, Decider>(admins.map((a) => [a.id, { ...a, courses: new Set<string>() }]));
  const courseIds = [...new Set(fresh.flatMap((r) => (r.courseId ? [r.courseId] : [])))];
  if (courseIds.length) {
    const teaching = await ctx.db.courseInstructor.findMany({
      where: { courseId: { in: courseIds }, user: { status: "active", role: { not: "student" } } },
      select: { courseId: true, role: true, user: { select: { id: true, email: true, role: true } } },
    });
    for (const t of teaching) {
      if (!courseRolesWith(t.user, "approvals:decide").includes(t.role)) continue;
      const d = byId.get(t.user.id) ?? { ...t.user, courses: new Set<string>() };
      d.courses.add(t.courseId);
      byId.set(d.id, d);
    }
  }
  return [...byId.values()];
}

/** When each decider last got a digest (its in-app notification is the record). */
async function lastDigests(ctx: Ctx, userIds: string[]): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await ctx.db.notification.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, type: "approval_requested" },
    _max: { createdAt: true },
  });
  return new Map(rows.flatMap((r) => (r._max.createdAt ? [[r.userId, r._max.createdAt] as const] : [])));
}

/** One digest: every request this decider may decide now, newest first. False when none is left. */
async function sendDigest(ctx: Ctx, decider: Decider): Promise<boolean> {
  return transact(ctx, async (tx) => {
    const now = ctx.clock.now();
    const where = { AND: [approvalsWhere(decider), { status: "pending" as const, expiresAt: { gt: now } }] };
    const [count, listed] = await Promise.all([
      tx.approvalRequest.count({ where }),
      tx.approvalRequest.findMany({ where, orderBy: { requestedAt: "desc" }, take: LISTED, select: { user: { select: { fullName: true, email: true } } } }),
    ]);
    if (count === 0) return false;
    const waiting = listed.map((r) => r.user);
    await notifyUser(tx, ctx, decider.id, {
      type: "approval_requested",
      title: waitingHeadline(count, waiting[0]),
      body: `${waitingList(waiting, count)}. A request expires ${ctx.config.APPROVAL_TIMEOUT_MINUTES} minutes after it was made.`,
      link: "/admin/approvals",
    });
    await enqueueMail(tx, ctx, signupsWaitingMail(ctx.config, decider, waiting, count));
    return true;
  });
}
