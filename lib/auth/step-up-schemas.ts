// Shapes of the step-up endpoints (lib/auth/require-step-up.ts explains step-up).
import { z } from "zod";
import { Str } from "../common-schemas";
import { AuthenticationResponse } from "../passkeys/schemas";

export const StepUpBody = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("password"), password: Str.min(1).max(200) }),
  z.strictObject({ method: z.literal("passkey"), response: AuthenticationResponse.describe("from startAuthentication() with the options of POST /api/auth/step-up/options") }),
]);
export type StepUpBody = z.infer<typeof StepUpBody>;

export const StepUpOut = z.object({
  stepped_up_at: Str.describe("ISO 8601 UTC time"),
  valid_until: Str.describe("ISO 8601 UTC time: sensitive admin actions are allowed until then in this session"),
});
