import { addCourseStaff } from "@/lib/courses/add-course-staff";
import { listCourseStaff } from "@/lib/courses/list-course-staff";
import { CourseIdParams, StaffInput } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const GET = route({ operation: "GET /api/courses/{id}/staff", params: CourseIdParams }, ({ ctx, params }) => listCourseStaff(ctx, params.id));

/** 201 when the person joins the staff, 200 when their role changed or already was this one. */
export const POST = route({ operation: "POST /api/courses/{id}/staff", params: CourseIdParams, body: StaffInput }, async ({ ctx, user, params, body }) => {
  const result = await addCourseStaff(ctx, user, params.id, body);
  return result.joined ? created(result) : result;
});
