// docs/design.md#accounts: an admin approves (as student or admin) or rejects a pending request
// (docs/courses.md has the roster's automatic approvals). applyDecision's conditional update decides, so two admins
// deciding at once produce exactly one decision and an expired request cannot be decided.
import type { AuthUser } from "../auth/authenticate";
import { requireCapability } from "../auth/authorize";
import { requireStepUp } from "../auth/require-step-up";
import type { Ctx } from "../context";
import { AppError, notFound } from "../errors";
import { applyDecision } from "./apply-decision";
import { isApprovalExpired } from "./approval-expiry";
import { expireOverdueRequests } from "./expire-overdue";
import { presentApproval } from "./present";
import type { DecisionInput } from "./schemas";

/**
 * `actor` is the deciding admin, or null for an operator on the server (`npm run approvals`):
 * like the other command-line scripts it has no session to step up, and the audit entry
 * names no actor but carries the context's ip ("cli") and user agent.
 */
export type DecideApprovalInput = { actor: AuthUser | null; requestId: string } & DecisionInput;

export async function decideApproval(ctx: Ctx, input: DecideApprovalInput) {
  const now = ctx.clock.now();
  const approved = input.decision === "approved";
  const approvedRole = approved ? input.approved_role : null;
  const reason = !approved && input.reason ? input.reason : null;
  if (input.actor && approvedRole !== null && approvedRole !== "student") {
    // Staff rights are granted college-wide, by those who manage users (docs/design.md#roles-and-permissions);
    // a course's instructors approve students only. It needs a fresh proof of presence (lib/auth/require-step-up.ts).
    await requireCapability(ctx, input.actor, "users:manage");
    await requireStepUp(ctx, input.actor, `approve someone as ${approvedRole === "admin" ? "an admin" : "an instructor"}`);
  }

  const decided = await ctx.db.$transaction((tx) =>
    applyDecision(tx, ctx, { requestId: input.requestId, decision: input.decision, approvedRole, reason, deciderId: input.actor?.id ?? null }),
  );
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
