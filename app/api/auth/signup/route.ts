import { signUp } from "@/lib/accounts/sign-up";
import { SignupBody } from "@/lib/accounts/schemas";
import { Reply, route } from "@/lib/http";

// 202 and the same body for every address (docs/authentication.md#verified-email-at-signup)
export const POST = route({ operation: "POST /api/auth/signup", body: SignupBody }, async ({ ctx, body }) => new Reply(await signUp(ctx, body), 202));
