import { importRoster } from "@/lib/courses/import-roster";
import { MAX_ROSTER_BYTES, ROSTER_MEDIA_TYPES } from "@/lib/courses/parse-roster-csv";
import { CourseIdParams, ImportQuery } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const POST = route(
  { operation: "POST /api/courses/{id}/enrollments/import", params: CourseIdParams, query: ImportQuery, fileBody: ROSTER_MEDIA_TYPES, maxBodyBytes: MAX_ROSTER_BYTES, heavy: true },
  ({ ctx, user, params, query, bytes }) => importRoster(ctx, user.id, params.id, bytes, { dryRun: query.dry_run === "true", mode: query.mode }),
);
