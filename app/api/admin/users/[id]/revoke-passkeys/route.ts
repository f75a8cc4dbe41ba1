import { route } from "@/lib/http";
import { revokeUserPasskeys } from "@/lib/passkeys/revoke-user-passkeys";
import { IdParams } from "@/lib/users/schemas";

export const POST = route({ operation: "POST /api/admin/users/{id}/revoke-passkeys", params: IdParams }, ({ ctx, user, params }) => revokeUserPasskeys(ctx, { actor: user, userId: params.id }));
