import { Reply, route } from "@/lib/http";
import { IdParams } from "@/lib/users/schemas";
import { sendPasswordReset } from "@/lib/users/send-password-reset";

export const POST = route({ operation: "POST /api/admin/users/{id}/send-password-reset", params: IdParams }, async ({ ctx, user, params }) => new Reply(await sendPasswordReset(ctx, { actor: user, userId: params.id }), 202));
