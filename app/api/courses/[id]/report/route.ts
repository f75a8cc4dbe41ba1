import { courseReportResponse } from "@/lib/courses/course-report";
import { CourseIdParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const GET = route({ operation: "GET /api/courses/{id}/report", params: CourseIdParams }, ({ ctx, params }) => courseReportResponse(ctx, params.id));
