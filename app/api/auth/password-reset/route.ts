import { requestPasswordReset } from "@/lib/accounts/request-password-reset";
import { PasswordResetBody } from "@/lib/accounts/schemas";
import { Reply, route } from "@/lib/http";

// 202 and the same body whether or not the address has an account (docs/authentication.md#password-reset)
export const POST = route({ operation: "POST /api/auth/password-reset", body: PasswordResetBody }, async ({ ctx, body }) => new Reply(await requestPasswordReset(ctx, body), 202));
