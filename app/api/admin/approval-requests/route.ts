import { listApprovalRequests } from "@/lib/accounts/list-approval-requests";
import { ApprovalListQuery } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const GET = route({ operation: "GET /api/admin/approval-requests", query: ApprovalListQuery }, ({ ctx, user, query }) => listApprovalRequests(ctx, user, query));
