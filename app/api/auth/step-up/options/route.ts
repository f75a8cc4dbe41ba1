import { route } from "@/lib/http";
import { passkeyStepUpOptions } from "@/lib/passkeys/step-up-options";

export const POST = route({ operation: "POST /api/auth/step-up/options" }, ({ ctx, user }) => passkeyStepUpOptions(ctx, user));
