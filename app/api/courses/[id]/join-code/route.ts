import { CourseIdParams, JoinCodeInput } from "@/lib/courses/schemas";
import { setJoinCode } from "@/lib/courses/set-join-code";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/courses/{id}/join-code", params: CourseIdParams, body: JoinCodeInput }, ({ ctx, user, params, body }) => setJoinCode(ctx, user.id, params.id, body.action));
