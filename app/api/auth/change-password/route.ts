import { changePassword } from "@/lib/accounts/change-password";
import { ChangePasswordBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/change-password", beforePasswordChange: true, body: ChangePasswordBody }, ({ ctx, user, body }) => changePassword(ctx, user, body));
