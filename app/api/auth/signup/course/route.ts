import { nameSignupCourse } from "@/lib/accounts/name-signup-course";
import { SignupCourseBody } from "@/lib/accounts/schemas";
import { route } from "@/lib/http";

// The waiting page names the course whose instructors should decide; the status token is the credential.
export const POST = route({ operation: "POST /api/auth/signup/course", body: SignupCourseBody }, ({ ctx, body }) => nameSignupCourse(ctx, body.status_token, body.join_code));
