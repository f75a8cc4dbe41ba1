import { getSignupStatus } from "@/lib/accounts/get-signup-status";
import { SignupStatusBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

// POST, not GET: the status token stays out of URLs and access logs.
export const POST = route({ operation: "POST /api/auth/signup/status", body: SignupStatusBody }, ({ ctx, body }) => getSignupStatus(ctx, body.status_token));
