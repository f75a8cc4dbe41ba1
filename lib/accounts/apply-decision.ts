// The one step every approval decision takes, inside the caller's transaction: a conditional
// update `where {id, status: pending, expiresAt > now}` decides (so two deciders produce exactly
// one decision and an expired request cannot be decided), then the account, the audit entry
// and the user's notification and mail follow in the same transaction.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { enqueueMail } from "../mail/enqueue-mail";
import { approvalDecisionMail } from "../mail/templates/approval-decision";
import { notifyUser } from "../notifications/notify";
import { enrolApprovedSignup } from "../courses/enrol-approved-signup";
import type { Role } from "../auth/policy";

const person = { select: { id: true, email: true, fullName: true } } as const;

export interface Decision {
  requestId: string;
  decision: "approved" | "rejected";
  approvedRole: Role | null;
  reason: string | null;
  /** the admin who decided; null when a course roster approved the signup */
  deciderId: string | null;
  /** set when the signup was approved because its email is on this course's roster; `atSignup`: while signing up (no notice then) */
  roster?: { courseId: string; courseCode: string; atSignup?: boolean };
  /** set when the identity provider's role claim approved the signup at its SSO sign-in (no notice then) */
  claim?: { name: string };
}

/** The decided request (with user and decider), or null when it was not pending and live. */
export async function applyDecision(tx: Tx, ctx: Ctx, d: Decision) {
  const now = ctx.clock.now();
  const approved = d.decision === "approved";
  const { count } = await tx.approvalRequest.updateMany({
    where: { id: d.requestId, status: "pending", expiresAt: { gt: now } },
    data: { status: d.decision, decidedAt: now, decidedById: d.deciderId, approvedRole: d.approvedRole, reason: d.reason },
  });
  if (count !== 1) return null;
  const request = await tx.approvalRequest.findUniqueOrThrow({ where: { id: d.requestId }, include: { user: person, decidedBy: person, course: { select: { id: true, code: true, title: true } } } });
  await tx.user.update({
    where: { id: request.userId },
    data: approved ? { status: "active", role: d.approvedRole! } : { status: "rejected" },
  });
  // a signup that named a course (its join code) joins it when approved as a student
  const enrolled = approved && d.approvedRole === "student" && request.course ? await enrolApprovedSignup(tx, ctx, request.course.id, request.user, d.deciderId) : null;
  await recordAudit(tx, ctx, {
    action: "approval_decided",
    actorId: d.deciderId,
    targetType: "approval_request",
    targetId: request.id,
    details: {
      user_id: request.userId,
      decision: d.decision,
      approved_role: d.approvedRole,
      reason: d.reason,
      ...(d.roster && { decided_by: "roster_import", course_id: d.roster.courseId, course_code: d.roster.courseCode }),
      ...(d.claim && { decided_by: "sso_claim", claim: d.claim.name }),
      ...(request.course && !d.roster && { course_id: request.course.id, course_code: request.course.code, enrollment_id: enrolled }),
    },
  });
  // A roster approval as the account opens (email verification, single sign-on) is no news to the
  // student: that answer lets them straight in and says so, so "your account was approved" would
  // only confuse. A waiting account that a later import approves is news, and is told.
  if (d.roster?.atSignup || d.claim) return request;
  await notifyUser(tx, ctx, request.userId, approved
    ? {
        type: "approval_decided",
        title: "Your account was approved",
        body: d.roster
          ? `You are on the roster of ${d.roster.courseCode}: you can log in as a student now.`
          : `You can now log in as ${d.approvedRole === "admin" ? "an admin" : d.approvedRole === "instructor" ? "an instructor" : "a student"}.`,
        link: "/login",
      }
    : { type: "approval_decided", title: "Your signup was not approved", body: d.reason ?? "An administrator rejected the request." });
  await enqueueMail(tx, ctx, approvalDecisionMail(ctx.config, request.user, {
    approved,
    role: d.approvedRole,
    reason: d.reason,
    courseCode: d.roster?.courseCode,
  }));
  return request;
}
