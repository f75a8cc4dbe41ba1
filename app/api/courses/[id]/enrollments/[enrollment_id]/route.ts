import { dropEnrollment } from "@/lib/courses/drop-enrollment";
import { EnrollmentParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const DELETE = route({ operation: "DELETE /api/courses/{id}/enrollments/{enrollment_id}", params: EnrollmentParams }, ({ ctx, user, params }) => dropEnrollment(ctx, user.id, params.id, params.enrollment_id));
