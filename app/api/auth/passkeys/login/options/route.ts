import { route } from "@/lib/http";
import { passkeySignInOptions } from "@/lib/passkeys/sign-in-options";

export const POST = route({ auth: "none" }, ({ ctx }) => passkeySignInOptions(ctx));
