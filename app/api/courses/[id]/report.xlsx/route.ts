import { courseReportXlsx } from "@/lib/courses/report-xlsx";
import { ReportXlsxQuery } from "@/lib/courses/report-schemas";
import { CourseIdParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";
import { downloadResponse } from "@/lib/http-download";

export const GET = route({ operation: "GET /api/courses/{id}/report.xlsx", params: CourseIdParams, query: ReportXlsxQuery, heavy: true }, async ({ ctx, params, query }) =>
  downloadResponse(await courseReportXlsx(ctx, params.id, query)),
);
