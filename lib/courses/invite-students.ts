// Invitations to sign up (docs/courses.md#invitations): one mail per rostered student who has no
// account yet — all of them, or the ones the lecturer picked — naming the course and the lecturer,
// with a signup link that fills in the address. Each enrolment is claimed by one conditional update
// (no account linked, not dropped, not invited within INVITE_RESEND_AFTER_MINUTES) that stamps
// invited_at, so a double click, two lecturers or 30 calls at once mail each student once; the
// mail rides in the same transaction (the outbox). Invite actions per course are rate-limited too.
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { enqueueMail } from "../mail/enqueue-mail";
import { courseInvitationMail } from "../mail/templates/course-invitation";
import { enforce, type LimitRule } from "../rate-limit/limit";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";
import type { InviteInput, InviteOut } from "./schemas";

/** A student is invited again at the earliest this long after the last invitation. */
export const INVITE_RESEND_AFTER_MINUTES = 60;
/** Invite actions (each may mail the whole roster) per course per hour. */
export const INVITES_PER_COURSE: LimitRule = { name: "course_invites", max: 20, windowSeconds: 3600 };
const BATCH = 100;

export async function inviteStudents(ctx: Ctx, actor: Pick<AuthUser, "id">, courseId: string, input: InviteInput): Promise<InviteOut> {
  await findCourseOrThrow(ctx.db, courseId);
  const course = await ctx.db.course.findUniqueOrThrow({ where: { id: courseId }, select: { code: true, title: true, termLabel: true, archivedAt: true } });
  if (course.archivedAt) throw new AppError("conflict", "This course is archived: restore it before inviting students.");
  await enforce(ctx, INVITES_PER_COURSE, courseId, "This course has sent many invitations in the last hour; try again later.");
  const now = ctx.clock.now();
  const resendBefore = new Date(now.getTime() - INVITE_RESEND_AFTER_MINUTES * 60_000);
  const lecturer = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { fullName: true } });
  const chosen = await ctx.db.enrollment.findMany({
    where: { courseId, droppedAt: null, ...(input.enrollment_ids && { id: { in: input.enrollment_ids } }) },
    select: { id: true, email: true, fullName: true, userId: true, invitedAt: true },
  });
  // an address that already has an account (linked or not yet) needs no invitation
  const accounts = new Set((await ctx.db.user.findMany({ where: { email: { in: chosen.map((e) => e.email) } }, select: { email: true } })).map((u) => u.email));
  const out: InviteOut = { invited: [], already_signed_up: 0, recently_invited: 0, not_found: 0, resend_after_minutes: INVITE_RESEND_AFTER_MINUTES };
  out.not_found = input.enrollment_ids ? new Set(input.enrollment_ids).size - chosen.length : 0;
  const candidates = chosen.filter((e) => {
    if (e.userId || accounts.has(e.email)) {
      out.already_signed_up++;
      return false;
    }
    return true;
  });
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const invited = await transact(ctx, async (tx) => {
      const done: InviteOut["invited"] = [];
      for (const e of batch) {
        // the claim: of concurrent invitations, one stamps invited_at and mails; the rest find it stamped
        const { count } = await tx.enrollment.updateMany({
          where: { id: e.id, courseId, userId: null, droppedAt: null, OR: [{ invitedAt: null }, { invitedAt: { lte: resendBefore } }] },
          data: { invitedAt: now, inviteCount: { increment: 1 } },
        });
        if (count !== 1) continue;
        await enqueueMail(tx, ctx, courseInvitationMail(ctx.config, e, course, lecturer));
        done.push({ enrollment_id: e.id, email: e.email, invited_at: now.toISOString() });
      }
      if (done.length) {
        await recordAudit(tx, ctx, {
          action: "students_invited",
          actorId: actor.id,
          targetType: "course",
          targetId: courseId,
          details: { count: done.length, enrollment_ids: done.map((d) => d.enrollment_id) },
        });
      }
      return done;
    });
    out.invited.push(...invited);
    out.recently_invited += batch.length - invited.length;
  }
  return out;
}
