import { verifyEmail } from "@/lib/accounts/verify-email";
import { VerifyEmailBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/verify-email", body: VerifyEmailBody }, ({ ctx, body }) => verifyEmail(ctx, body));
