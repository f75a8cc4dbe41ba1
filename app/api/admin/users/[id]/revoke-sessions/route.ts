import { route } from "@/lib/http";
import { IdParams } from "@/lib/users/schemas";
import { revokeSessionsForUser } from "@/lib/users/revoke-sessions";

export const POST = route({ operation: "POST /api/admin/users/{id}/revoke-sessions", params: IdParams }, ({ ctx, user, params }) =>
  revokeSessionsForUser(ctx, { actor: user, userId: params.id }),
);
