import { route } from "@/lib/http";
import { IdParams, UpdateUserBody } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = route({ operation: "PATCH /api/admin/users/{id}", params: IdParams, body: UpdateUserBody }, ({ ctx, user, params, body }) =>
  updateUser(ctx, { actor: user, userId: params.id, ...body }),
);
