import { resendVerification } from "@/lib/accounts/resend-verification";
import { ResendVerificationBody } from "@/lib/accounts/schemas";
import { Reply, route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/verify-email/resend", body: ResendVerificationBody }, async ({ ctx, body }) => new Reply(await resendVerification(ctx, body), 202));
