import { route } from "@/lib/http";
import { passkeySignInOptions } from "@/lib/passkeys/sign-in-options";

export const POST = route({ operation: "POST /api/auth/passkeys/login/options" }, ({ ctx }) => passkeySignInOptions(ctx));
