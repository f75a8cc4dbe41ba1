// Bulk decisions from the approvals panel: the same decision for many requests, each decided by
// exactly the single-decision use case (its own conditional update, audit and notification), so
// an expired one gets its 409 code in its result and two admins deciding overlapping sets still
// produce one decision per request.
import type { AuthUser } from "../auth/authenticate";
import { requireCapability } from "../auth/authorize";
import { requireStepUp } from "../auth/require-step-up";
import type { Ctx } from "../context";
import { isAppError } from "../errors";
import { decideApproval } from "./decide-approval";
import type { BulkDecisionInput } from "./schemas";

export async function decideBulk(ctx: Ctx, actor: AuthUser, input: BulkDecisionInput) {
  const { ids, ...decision } = input;
  // Approving as staff is for those who manage users and needs a fresh proof of presence
  // (lib/auth/require-step-up.ts): refuse the whole batch with one 403 rather than one per request.
  if (decision.decision === "approved" && decision.approved_role !== "student") {
    await requireCapability(ctx, actor, "users:manage");
    await requireStepUp(ctx, actor, `approve people as ${decision.approved_role === "admin" ? "admins" : "instructors"}`);
  }
  const results = [];
  for (const id of [...new Set(ids)]) {
    try {
      // each request under the single decision's rule: its course's instructors, or admins
      await requireCapability(ctx, actor, "approvals:decide", { approvalRequestId: id });
      results.push({ id, ok: true as const, ...(await decideApproval(ctx, { actor, requestId: id, ...decision })) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      const e = { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
      results.push({ id, ok: false as const, status: error.status, error: e });
    }
  }
  const decided = results.filter((r) => r.ok).length;
  return { summary: { decided, failed: results.length - decided }, results };
}
