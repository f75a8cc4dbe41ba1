import { deleteCourse } from "@/lib/courses/delete-course";
import { getCourse } from "@/lib/courses/get-course";
import { CourseIdParams, CoursePatchInput, DeleteCourseQuery } from "@/lib/courses/schemas";
import { updateCourse } from "@/lib/courses/update-course";
import { route } from "@/lib/http";

export const GET = route({ operation: "GET /api/courses/{id}", params: CourseIdParams }, ({ ctx, user, params }) => getCourse(ctx, user.id, params.id));

export const PATCH = route({ operation: "PATCH /api/courses/{id}", params: CourseIdParams, body: CoursePatchInput }, ({ ctx, user, params, body }) =>
  updateCourse(ctx, user, params.id, body),
);

export const DELETE = route({ operation: "DELETE /api/courses/{id}", params: CourseIdParams, query: DeleteCourseQuery }, ({ ctx, user, params, query }) =>
  deleteCourse(ctx, user.id, params.id, { confirmed: query.confirm === "true", sessions: query.sessions }),
);
