// The waiting page polls this with the status token it got at signup: the token names one
// approval request, so it reveals nothing about any other account.
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { effectiveApprovalStatus } from "./approval-expiry";
import { expireOverdueRequests } from "./expire-overdue";
import { presentApproval } from "./present";
import { verifyStatusToken } from "./status-token";

export async function getSignupStatus(ctx: Ctx, statusToken: string) {
  // The MAC is checked before any database work, so forged tokens cost nothing but a hash.
  const requestId = verifyStatusToken(statusToken, ctx.config.SECRET_KEY);
  const invalid = new AppError("status_token_invalid", "This status link is not valid; log in or sign up again.");
  if (!requestId) throw invalid;
  const request = await ctx.db.approvalRequest.findUnique({ where: { id: requestId }, include: { user: { select: { email: true } }, course: { select: { id: true, code: true, title: true } } } });
  if (!request) throw invalid;
  const now = ctx.clock.now();
  if (request.status === "pending" && effectiveApprovalStatus(request, now) === "expired") {
    await expireOverdueRequests(ctx, ctx.db, request.userId);
  }
  const { user, ...rest } = request;
  return {
    server_time: now.toISOString(),
    email: user.email,
    approval_request: presentApproval(rest, now),
  };
}
