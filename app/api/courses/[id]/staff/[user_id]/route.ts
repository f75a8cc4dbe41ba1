import { StaffParams } from "@/lib/courses/schemas";
import { removeCourseStaff } from "@/lib/courses/remove-course-staff";
import { route } from "@/lib/http";

export const DELETE = route({ operation: "DELETE /api/courses/{id}/staff/{user_id}", params: StaffParams }, ({ ctx, user, params }) =>
  removeCourseStaff(ctx, user, params.id, params.user_id),
);
