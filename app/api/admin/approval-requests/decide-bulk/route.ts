import { decideBulk } from "@/lib/accounts/decide-bulk";
import { BulkDecisionBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ auth: "admin", body: BulkDecisionBody }, ({ ctx, user, body }) => decideBulk(ctx, user, body));
