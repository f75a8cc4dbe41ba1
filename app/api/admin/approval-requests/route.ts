import { listApprovalRequests } from "@/lib/accounts/list-approval-requests";
import { ApprovalListQuery } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const GET = route({ auth: "admin", query: ApprovalListQuery }, ({ ctx, query }) => listApprovalRequests(ctx, query));
