import { route } from "@/lib/http";
import { stepUp } from "@/lib/auth/step-up";
import { StepUpBody } from "@/lib/auth/step-up-schemas";

export const POST = route({ operation: "POST /api/auth/step-up", body: StepUpBody }, ({ ctx, user, body }) => stepUp(ctx, user, body));
