import { route } from "@/lib/http";
import { LoginVerifyBody } from "@/lib/passkeys/schemas";
import { passkeyLogin } from "@/lib/passkeys/sign-in-with-passkey";

export const POST = route({ auth: "none", body: LoginVerifyBody, metric: "login" }, ({ ctx, body }) => passkeyLogin(ctx, body));
