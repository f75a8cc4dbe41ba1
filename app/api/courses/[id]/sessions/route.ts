import { createSessions } from "@/lib/courses/create-sessions";
import { CourseIdParams, SessionSeriesInput } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const POST = route({ operation: "POST /api/courses/{id}/sessions", params: CourseIdParams, body: SessionSeriesInput }, async ({ ctx, user, params, body }) =>
  created(await createSessions(ctx, user.id, params.id, body)),
);
