import { route } from "@/lib/http";
import { stepUp } from "@/lib/auth/step-up";
import { StepUpBody } from "@/lib/auth/step-up-schemas";

export const POST = route({ auth: "user", body: StepUpBody }, ({ ctx, user, body }) => stepUp(ctx, user, body));
