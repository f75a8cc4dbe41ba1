// The identity provider's role claim (OIDC_ROLE_CLAIM holding one of OIDC_INSTRUCTOR_VALUES)
// makes an account an instructor at its SSO sign-in: the college, not a Rollcall admin, decides
// who teaches. A waiting signup is approved as instructor; an active student becomes an
// instructor. Each is one conditional write, so parallel sign-ins grant once. The claim never
// grants admin, never demotes, and never reactivates a deactivated, rejected or expired account.
import { applyDecision } from "../../accounts/apply-decision";
import { recordAudit } from "../../audit/record";
import type { Ctx } from "../../context";
import { transact } from "../../transact";

export async function grantInstructorByClaim(ctx: Ctx, userId: string, claim: string): Promise<void> {
  const now = ctx.clock.now();
  await transact(ctx, async (tx) => {
    const request = await tx.approvalRequest.findFirst({ where: { userId, status: "pending", expiresAt: { gt: now }, user: { status: "pending" } }, select: { id: true } });
    if (request) {
      await applyDecision(tx, ctx, { requestId: request.id, decision: "approved", approvedRole: "instructor", reason: null, deciderId: null, claim: { name: claim } });
      return;
    }
    const { count } = await tx.user.updateMany({ where: { id: userId, role: "student", status: "active" }, data: { role: "instructor" } });
    if (count === 1) {
      await recordAudit(tx, ctx, { action: "user_role_changed", actorId: null, targetType: "user", targetId: userId, details: { from: "student", to: "instructor", decided_by: "sso_claim", claim } });
    }
  });
}
