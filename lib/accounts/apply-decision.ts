// The one step every approval decision takes, inside the caller's transaction: a conditional
// update `where {id, status: pending, expiresAt > now}` decides (so two deciders produce exactly
// one decision and an expired request cannot be decided), then the account, the audit entry
// and the user's notification follow in the same transaction.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import type { Tx } from "../db";
import { notifyUser } from "../notifications/notify";

const person = { select: { id: true, email: true, fullName: true } } as const;

export interface Decision {
  requestId: string;
  decision: "approved" | "rejected";
  approvedRole: "student" | "admin" | null;
  reason: string | null;
  /** the admin who decided; null when a course roster approved the signup */
  deciderId: string | null;
  /** set when the signup was approved because its email is on this course's roster */
  roster?: { courseId: string; courseCode: string };
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
  const request = await tx.approvalRequest.findUniqueOrThrow({ where: { id: d.requestId }, include: { user: person, decidedBy: person } });
  await tx.user.update({
    where: { id: request.userId },
    data: approved ? { status: "active", role: d.approvedRole! } : { status: "rejected" },
  });
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
    },
  });
  await notifyUser(tx, ctx, request.userId, approved
    ? {
        type: "approval_decided",
        title: "Your account was approved",
        body: d.roster
          ? `You are on the roster of ${d.roster.courseCode}: you can log in as a student now.`
          : `You can now log in as ${d.approvedRole === "admin" ? "an admin" : "a student"}.`,
        link: "/login",
      }
    : { type: "approval_decided", title: "Your signup was not approved", body: d.reason ?? "An administrator rejected the request." });
  return request;
}
