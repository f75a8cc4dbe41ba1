import { created, route } from "@/lib/http";
import { registerPasskey } from "@/lib/passkeys/register-passkey";
import { RegisterVerifyBody } from "@/lib/passkeys/schemas";

export const POST = route({ operation: "POST /api/auth/passkeys/register/verify", body: RegisterVerifyBody }, async ({ ctx, user, body }) => created(await registerPasskey(ctx, user, body)));
