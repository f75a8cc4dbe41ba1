import { deleteCourse } from "@/lib/courses/delete-course";
import { getCourse } from "@/lib/courses/get-course";
import { CourseIdParams, CoursePatchInput, DeleteCourseQuery } from "@/lib/courses/schemas";
import { updateCourse } from "@/lib/courses/update-course";
import { route } from "@/lib/http";

export const GET = route({ auth: "admin", params: CourseIdParams }, ({ ctx, user, params }) => getCourse(ctx, user.id, params.id));

export const PATCH = route({ auth: "admin", params: CourseIdParams, body: CoursePatchInput }, ({ ctx, user, params, body }) =>
  updateCourse(ctx, user.id, params.id, body),
);

export const DELETE = route({ auth: "admin", params: CourseIdParams, query: DeleteCourseQuery }, ({ ctx, user, params, query }) =>
  deleteCourse(ctx, user.id, params.id, query.confirm === "true"),
);
