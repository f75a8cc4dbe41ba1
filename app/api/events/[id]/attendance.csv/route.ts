import { route } from "@/lib/http";
import { downloadResponse } from "@/lib/http-download";
import { sessionAttendanceCsv } from "@/lib/attendance/session-export";
import { SessionCsvQuery } from "@/lib/courses/report-schemas";
import { IdParams } from "@/lib/events/schemas";

export const GET = route({ operation: "GET /api/events/{id}/attendance.csv", params: IdParams, query: SessionCsvQuery, heavy: true }, async ({ ctx, params, query }) =>
  downloadResponse(await sessionAttendanceCsv(ctx, params.id, query)),
);
