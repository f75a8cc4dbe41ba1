// DESIGN.md section 1: an admin approves (as student or admin) or rejects a pending request.
// One conditional update decides: `where {id, status: pending, expiresAt > now}`, so two admins
// deciding at once produce exactly one decision and an expired request cannot be decided.
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { AppError, notFound } from "../errors";
import { notifyUser } from "../notifications/notify";
import { isApprovalExpired } from "./approval-expiry";
import { expireOverdueRequests } from "./expire-overdue";
import { presentApproval } from "./present";
import type { DecisionInput } from "./schemas";

export type DecideApprovalInput = { actor: Pick<AuthUser, "id">; requestId: string } & DecisionInput;

const person = { select: { id: true, email: true, fullName: true } } as const;

export async function decideApproval(ctx: Ctx, input: DecideApprovalInput) {
  const now = ctx.clock.now();
  const approved = input.decision === "approved";
  const approvedRole = approved ? input.approved_role : null;
  const reason = !approved && input.reason ? input.reason : null;

  const decided = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.approvalRequest.updateMany({
      where: { id: input.requestId, status: "pending", expiresAt: { gt: now } },
      data: { status: input.decision, decidedAt: now, decidedById: input.actor.id, approvedRole, reason },
    });
    if (count !== 1) return null;
    const request = await tx.approvalRequest.findUniqueOrThrow({ where: { id: input.requestId }, include: { user: person, decidedBy: person } });
    await tx.user.update({
      where: { id: request.userId },
      data: approved ? { status: "active", role: approvedRole! } : { status: "rejected" },
    });
    await recordAudit(tx, ctx, {
      action: "approval_decided",
      actorId: input.actor.id,
      targetType: "approval_request",
      targetId: request.id,
      details: { user_id: request.userId, decision: input.decision, approved_role: approvedRole, reason },
    });
    await notifyUser(tx, ctx, request.userId, approved
      ? { type: "approval_decided", title: "Your account was approved", body: `You can now log in as ${approvedRole === "admin" ? "an admin" : "a student"}.`, link: "/login" }
      : { type: "approval_decided", title: "Your signup was not approved", body: reason ?? "An administrator rejected the request." });
    return request;
  });
  if (decided) return { approval_request: presentApproval(decided, now) };
  throw await whyNotDecided(ctx, input.requestId, now);
}

/** The request could not be decided: say why (not found, expired, or decided already). */
async function whyNotDecided(ctx: Ctx, requestId: string, now: Date): Promise<AppError> {
  const request = await ctx.db.approvalRequest.findUnique({ where: { id: requestId } });
  if (!request) return notFound("The approval request", "approval_not_found");
  if (isApprovalExpired(request, now)) {
    await expireOverdueRequests(ctx, ctx.db, request.userId);
    return new AppError("approval_expired", `This request expired at ${request.expiresAt.toISOString()}; the student must sign up again.`, {
      expires_at: request.expiresAt.toISOString(),
    });
  }
  return new AppError("approval_already_decided", `This request was already ${request.status}.`, { status: request.status });
}
