import { decideApproval } from "@/lib/accounts/decide-approval";
import { DecisionBody, IdParams } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/admin/approval-requests/{id}/decide", params: IdParams, body: DecisionBody }, ({ ctx, user, params, body }) =>
  decideApproval(ctx, { actor: user, requestId: params.id, ...body }),
);
