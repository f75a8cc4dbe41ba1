import { route } from "@/lib/http";
import { passkeyStepUpOptions } from "@/lib/passkeys/step-up-options";

export const POST = route({ auth: "user" }, ({ ctx, user }) => passkeyStepUpOptions(ctx, user));
