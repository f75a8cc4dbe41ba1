import { createCourse } from "@/lib/courses/create-course";
import { listCourses } from "@/lib/courses/list-courses";
import { CourseCreateInput, CourseListQuery } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const GET = route({ operation: "GET /api/courses", query: CourseListQuery }, ({ ctx, user, query }) => listCourses(ctx, user, query));

export const POST = route({ operation: "POST /api/courses", body: CourseCreateInput }, async ({ ctx, user, body }) => created(await createCourse(ctx, user.id, body)));
