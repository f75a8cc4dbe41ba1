import { importRoster } from "@/lib/courses/import-roster";
import { MAX_ROSTER_BYTES, ROSTER_MEDIA_TYPES } from "@/lib/courses/parse-roster-csv";
import { CourseIdParams, ImportQuery } from "@/lib/courses/schemas";
import { route } from "@/lib/http";

export const POST = route(
  { auth: "admin", params: CourseIdParams, query: ImportQuery, textBody: ROSTER_MEDIA_TYPES, maxBodyBytes: MAX_ROSTER_BYTES },
  ({ ctx, user, params, query, text }) => importRoster(ctx, user.id, params.id, text, { dryRun: query.dry_run === "true", mode: query.mode }),
);
