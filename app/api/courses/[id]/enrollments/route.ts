import { enrollStudent } from "@/lib/courses/enroll-student";
import { listEnrollments } from "@/lib/courses/list-enrollments";
import { CourseIdParams, EnrollInput, EnrollmentListQuery } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const GET = route({ auth: "admin", params: CourseIdParams, query: EnrollmentListQuery }, ({ ctx, params, query }) => listEnrollments(ctx, params.id, query));

export const POST = route({ auth: "admin", params: CourseIdParams, body: EnrollInput }, async ({ ctx, user, params, body }) =>
  created(await enrollStudent(ctx, user.id, params.id, body)),
);
