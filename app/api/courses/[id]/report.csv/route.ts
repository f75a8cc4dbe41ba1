import { courseReportCsv } from "@/lib/courses/course-report";
import { CourseIdParams } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const GET = route({ auth: "admin", params: CourseIdParams }, async ({ ctx, params }) => {
  const { filename, csv } = await courseReportCsv(ctx, params.id);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
