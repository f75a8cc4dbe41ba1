import { createCourse } from "@/lib/courses/create-course";
import { listCourses } from "@/lib/courses/list-courses";
import { CourseCreateInput, CourseListQuery } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const GET = route({ auth: "admin", query: CourseListQuery }, ({ ctx, user, query }) => listCourses(ctx, user.id, query));

export const POST = route({ auth: "admin", body: CourseCreateInput }, async ({ ctx, user, body }) => created(await createCourse(ctx, user.id, body)));
