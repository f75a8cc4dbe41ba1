import { courseReport } from "@/lib/courses/course-report";
import { CourseIdParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const GET = route({ auth: "admin", params: CourseIdParams }, ({ ctx, params }) => courseReport(ctx, params.id));
