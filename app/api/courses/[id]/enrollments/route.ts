import { enrollStudent } from "@/lib/courses/enroll-student";
import { listEnrollments } from "@/lib/courses/list-enrollments";
import { CourseIdParams, EnrollInput, EnrollmentListQuery } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const GET = route({ operation: "GET /api/courses/{id}/enrollments", params: CourseIdParams, query: EnrollmentListQuery }, ({ ctx, params, query }) => listEnrollments(ctx, params.id, query));

export const POST = route({ operation: "POST /api/courses/{id}/enrollments", params: CourseIdParams, body: EnrollInput }, async ({ ctx, user, params, body }) =>
  created(await enrollStudent(ctx, user.id, params.id, body)),
);
