import { decideBulk } from "@/lib/accounts/decide-bulk";
import { BulkDecisionBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/admin/approval-requests/decide-bulk", body: BulkDecisionBody }, ({ ctx, user, body }) => decideBulk(ctx, user, body));
