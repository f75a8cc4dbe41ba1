import { resetPassword } from "@/lib/accounts/reset-password";
import { PasswordResetConfirmBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/password-reset/confirm", body: PasswordResetConfirmBody }, ({ ctx, body }) => resetPassword(ctx, body));
