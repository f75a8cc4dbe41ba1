import { route } from "@/lib/http";
import { LoginVerifyBody } from "@/lib/passkeys/schemas";
import { passkeyLogin } from "@/lib/passkeys/sign-in-with-passkey";

export const POST = route({ operation: "POST /api/auth/passkeys/login/verify", body: LoginVerifyBody, metric: "login" }, ({ ctx, body }) => passkeyLogin(ctx, body));
