import { route } from "@/lib/http";
import { passkeyRegistrationOptions } from "@/lib/passkeys/registration-options";

export const POST = route({ operation: "POST /api/auth/passkeys/register/options" }, ({ ctx, user }) => passkeyRegistrationOptions(ctx, user));
