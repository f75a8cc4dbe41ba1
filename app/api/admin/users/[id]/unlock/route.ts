import { route } from "@/lib/http";
import { IdParams } from "@/lib/users/schemas";
import { unlockUser } from "@/lib/users/unlock-user";

export const POST = route({ operation: "POST /api/admin/users/{id}/unlock", params: IdParams }, ({ ctx, user, params }) => unlockUser(ctx, { actor: user, userId: params.id }));
