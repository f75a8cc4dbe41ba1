import { termReportDownload } from "@/lib/courses/report-xlsx";
import { TermReportQuery } from "@/lib/courses/report-schemas";
import { route } from "@/lib/http";
import { downloadResponse } from "@/lib/http-download";

export const GET = route({ operation: "GET /api/courses/report.xlsx", query: TermReportQuery, heavy: true }, async ({ ctx, user, query }) =>
  downloadResponse(await termReportDownload(ctx, user, query)),
);
