// The roster step of every new account. attachRosterAccount links an account to the roster lines
// of its email and moves the attendance kept for them onto it (students without accounts).
// Roster auto-approval (docs/courses.md): a signup whose email is on the roster of an active
// course becomes an active student at once, decided "by the roster import" naming the course;
// never as an admin. Both sides call this AFTER committing their own write (the signup its
// pending account, the import its enrolments): whichever commits second then sees the other's
// row, so a signup racing an import is never left pending. applyDecision's conditional update
// makes the approval happen once even when both sides find it.
import { applyDecision } from "../accounts/apply-decision";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { isUniqueViolation } from "../errors";
import { transact } from "../transact";
import { bumpStudentVersion } from "./attendance-version";

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

export interface AttachResult {
  /** roster lines linked to the account by this call */
  linked: number;
  /** marks recorded against those lines that moved to the account */
  moved: number;
  /** marks dropped because the account had its own mark for the same session (kept as a removal) */
  merged: number;
}

/**
 * Attach an account to its roster lines (docs/courses.md, students without accounts): every
 * enrolment with the account's email that has no account yet is linked to it, and the marks and
 * removals recorded against it move to the account, so the student sees the history that was
 * kept for them. Signup, roster import and single enrolment call it through
 * linkEnrollmentAccounts; any other way an account comes to exist or proves its email (email
 * verification, single sign-on) must call it too. One transaction per roster line, holding
 * the line's attendance lock (attendance-version.ts), so a lecturer's mark of the same line
 * waits or is seen; idempotent: 30 parallel calls link once and move each mark once.
 */
export async function attachRosterAccount(ctx: AttachCtx, account: { userId: string; email: string }): Promise<AttachResult> {
  const email = account.email;
  const lines = await ctx.db.enrollment.findMany({
    where: { email, OR: [{ userId: null }, { userId: account.userId, OR: [{ attendance: { some: {} } }, { removals: { some: {} } }] }] },
    select: { id: true, courseId: true },
    orderBy: { courseId: "asc" },
  });
  const total: AttachResult = { linked: 0, moved: 0, merged: 0 };
  for (const line of lines) {
    const r = await attachLine(ctx, account.userId, line);
    total.linked += r.linked;
    total.moved += r.moved;
    total.merged += r.merged;
  }
  return total;
}

type AttachCtx = Pick<Ctx, "db" | "clock" | "ip" | "userAgent" | "deviceId" | "config">;

async function attachLine(ctx: AttachCtx, userId: string, line: { id: string; courseId: string }, attempt = 0): Promise<AttachResult> {
  try {
    return await transact(ctx, async (tx) => {
      await bumpStudentVersion(tx, ctx, line.courseId, line.id);
      const { count: linked } = await tx.enrollment.updateMany({ where: { id: line.id, userId: null }, data: { userId } });
      const owner = await tx.enrollment.findUnique({ where: { id: line.id }, select: { userId: true } });
      if (owner?.userId !== userId) return { linked: 0, moved: 0, merged: 0 }; // another account holds this line
      const recorded = await tx.attendanceRecord.findMany({ where: { enrollmentId: line.id }, select: { id: true, eventId: true, status: true, method: true, markedAt: true } });
      const own = new Set(
        recorded.length ? (await tx.attendanceRecord.findMany({ where: { userId, eventId: { in: recorded.map((r) => r.eventId) } }, select: { eventId: true } })).map((r) => r.eventId) : [],
      );
      let moved = 0;
      let merged = 0;
      for (const r of recorded) {
        if (own.has(r.eventId)) {
          // the student also marked this session with their account: theirs stays, the roster's goes, with a trace
          await tx.attendanceRecord.delete({ where: { id: r.id } });
          await tx.attendanceRemoval.create({
            data: { userId, eventId: r.eventId, removedAt: ctx.clock.now(), removedById: null, reason: "Recorded on the roster before the account existed; the student's own mark was kept.", status: r.status, method: r.method, markedAt: r.markedAt },
          });
          merged++;
        } else {
          await tx.attendanceRecord.update({ where: { id: r.id }, data: { userId, enrollmentId: null } });
          moved++;
        }
      }
      await tx.attendanceRemoval.updateMany({ where: { enrollmentId: line.id }, data: { userId, enrollmentId: null } });
      if (linked || moved || merged) {
        await recordAudit(tx, ctx, { action: "roster_account_linked", targetType: "course", targetId: line.courseId, details: { enrollment_id: line.id, user_id: userId, linked: linked === 1, marks_moved: moved, marks_merged: merged } });
      }
      return { linked, moved, merged };
    });
  } catch (error) {
    // a scan by this account for one of these sessions committed meanwhile: attach again, merging it
    if (isUniqueViolation(error) && attempt < 3) return attachLine(ctx, userId, line, attempt + 1);
    throw error;
  }
}

/** Link the roster lines of these emails that have no account yet (or still hold marks) to the account with that email. */
export async function linkEnrollmentAccounts(ctx: AttachCtx, emails: string[]): Promise<void> {
  for (const chunk of chunks([...new Set(emails)])) {
    const waiting = await ctx.db.enrollment.findMany({
      where: { email: { in: chunk }, OR: [{ userId: null }, { userId: { not: null }, OR: [{ attendance: { some: {} } }, { removals: { some: {} } }] }] },
      select: { email: true },
      distinct: ["email"],
    });
    if (!waiting.length) continue;
    const users = await ctx.db.user.findMany({ where: { email: { in: waiting.map((e) => e.email) } }, select: { id: true, email: true } });
    for (const u of users) await attachRosterAccount(ctx, { userId: u.id, email: u.email });
  }
}

/**
 * Approve the live signups among `emails` that are enrolled (not dropped) in an active course.
 * `atSignup`: called as the student's account opens (email verification, single sign-on), which
 * lets them in and says so: no "your account was approved" notice or mail then.
 */
export async function approveRosteredSignups(ctx: Ctx, emails: string[], { atSignup = false }: { atSignup?: boolean } = {}): Promise<RosteredSignup[]> {
  const now = ctx.clock.now();
  await linkEnrollmentAccounts(ctx, emails);
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
        roster: { courseId: course.id, courseCode: course.code, atSignup },
      }),
    );
    if (decided) approved.push({ user_id: s.id, email: s.email, full_name: s.fullName });
  }
  return approved;
}
