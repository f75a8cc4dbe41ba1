// Roster auto-approval (docs/courses.md): a signup whose email is on the roster of an active
// course becomes an active student at once, decided "by the roster import" naming the course;
// never as an admin. Both sides call this AFTER committing their own write (the signup its
// pending account, the import its enrolments): whichever commits second then sees the other's
// row, so a signup racing an import is never left pending. applyDecision's conditional update
// makes the approval happen once even when both sides find it.
import { applyDecision } from "../accounts/apply-decision";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { transact } from "../transact";

const CHUNK = 500;
const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export interface RosteredSignup {
  user_id: string;
  email: string;
  full_name: string;
}

/** Whether the email is enrolled (not dropped) in a course that is not archived. */
export async function isOnActiveRoster(db: DbOrTx, email: string): Promise<boolean> {
  return (await db.enrollment.count({ where: { email, droppedAt: null, course: { archivedAt: null } }, take: 1 })) > 0;
}

/** Pending accounts among `emails` whose approval request is still live. */
export async function findLiveSignups(db: DbOrTx, emails: string[], now: Date) {
  const found = [];
  for (const chunk of chunks([...new Set(emails)])) {
    found.push(
      ...(await db.user.findMany({
        where: { email: { in: chunk }, status: "pending", approvalRequests: { some: { status: "pending", expiresAt: { gt: now } } } },
        select: { id: true, email: true, fullName: true, approvalRequests: { where: { status: "pending", expiresAt: { gt: now } }, select: { id: true }, orderBy: { requestedAt: "desc" }, take: 1 } },
      })),
    );
  }
  return found;
}

/** Link enrolments of these emails that have no account yet to the account with that email. */
export async function linkEnrollmentAccounts(db: DbOrTx, emails: string[]): Promise<void> {
  for (const chunk of chunks([...new Set(emails)])) {
    const unlinked = await db.enrollment.findMany({ where: { email: { in: chunk }, userId: null }, select: { email: true }, distinct: ["email"] });
    if (!unlinked.length) continue;
    const users = await db.user.findMany({ where: { email: { in: unlinked.map((e) => e.email) } }, select: { id: true, email: true } });
    for (const u of users) await db.enrollment.updateMany({ where: { email: u.email, userId: null }, data: { userId: u.id } });
  }
}

/** Approve the live signups among `emails` that are enrolled (not dropped) in an active course. */
export async function approveRosteredSignups(ctx: Ctx, emails: string[]): Promise<RosteredSignup[]> {
  const now = ctx.clock.now();
  await linkEnrollmentAccounts(ctx.db, emails);
  const signups = await findLiveSignups(ctx.db, emails, now);
  if (!signups.length) return [];
  const enrolments = await ctx.db.enrollment.findMany({
    where: { email: { in: signups.map((s) => s.email) }, droppedAt: null, course: { archivedAt: null } },
    select: { email: true, course: { select: { id: true, code: true } } },
    orderBy: { enrolledAt: "asc" },
  });
  const courseOf = new Map<string, { id: string; code: string }>();
  for (const e of enrolments) if (!courseOf.has(e.email)) courseOf.set(e.email, e.course);
  const approved: RosteredSignup[] = [];
  for (const s of signups) {
    const course = courseOf.get(s.email);
    const requestId = s.approvalRequests[0]?.id;
    if (!course || !requestId) continue;
    const decided = await transact(ctx, (tx) =>
      applyDecision(tx, ctx, {
        requestId,
        decision: "approved",
        approvedRole: "student",
        reason: null,
        deciderId: null,
        roster: { courseId: course.id, courseCode: course.code },
      }),
    );
    if (decided) approved.push({ user_id: s.id, email: s.email, full_name: s.fullName });
  }
  return approved;
}
