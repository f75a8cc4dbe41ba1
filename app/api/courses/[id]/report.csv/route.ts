import { courseReportCsv } from "@/lib/courses/course-report";
import { ReportCsvQuery } from "@/lib/courses/report-schemas";
import { CourseIdParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";
import { downloadResponse } from "@/lib/http-download";

export const GET = route({ operation: "GET /api/courses/{id}/report.csv", params: CourseIdParams, query: ReportCsvQuery, heavy: true }, async ({ ctx, params, query }) =>
  downloadResponse(await courseReportCsv(ctx, params.id, query)),
);
