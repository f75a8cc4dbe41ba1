import { route } from "@/lib/http";
import { passkeyRegistrationOptions } from "@/lib/passkeys/registration-options";

export const POST = route({ auth: "user" }, ({ ctx, user }) => passkeyRegistrationOptions(ctx, user));
