// The admin panel's list: live pending requests first, then the rest, newest first.
// Status is computed from the stored expiry, so a pending row past expires_at lists as expired.
import type { AuthUser } from "../auth/authenticate";
import { approvalsWhere } from "../auth/scope-filters";
import type { Ctx } from "../context";
import type { Prisma } from "../../generated/postgresql/client";
import { presentApproval } from "./present";
import type { ApprovalListInput } from "./schemas";

const person = { select: { id: true, email: true, fullName: true } } as const;
const include = { user: person, decidedBy: person, course: { select: { id: true, code: true, title: true } } } as const;

function whereFor(status: ApprovalListInput["status"], now: Date): Prisma.ApprovalRequestWhereInput {
  switch (status) {
    case "pending":
      return { status: "pending", expiresAt: { gt: now } };
    case "expired":
      return { OR: [{ status: "expired" }, { status: "pending", expiresAt: { lte: now } }] };
    case undefined:
      return {};
    default:
      return { status };
  }
}

/** `viewer`: the signed-in caller (the requests they may decide), or null for an operator on the server (all). */
export async function listApprovalRequests(ctx: Ctx, viewer: Pick<AuthUser, "id" | "role"> | null, input: ApprovalListInput) {
  const now = ctx.clock.now();
  const scope = viewer ? approvalsWhere(viewer) : {};
  const newestFirst = { requestedAt: "desc" } as const;
  let rows;
  if (input.status) {
    rows = await ctx.db.approvalRequest.findMany({ where: { AND: [scope, whereFor(input.status, now)] }, include, orderBy: [newestFirst, { id: "desc" }], take: input.limit });
  } else {
    const live = whereFor("pending", now);
    const pending = await ctx.db.approvalRequest.findMany({ where: { AND: [scope, live] }, include, orderBy: [newestFirst, { id: "desc" }], take: input.limit });
    const rest =
      pending.length < input.limit
        ? await ctx.db.approvalRequest.findMany({ where: { AND: [scope, { NOT: live }] }, include, orderBy: [newestFirst, { id: "desc" }], take: input.limit - pending.length })
        : [];
    rows = [...pending, ...rest];
  }
  return { server_time: now.toISOString(), items: rows.map((r) => presentApproval(r, now)) };
}
