import { CourseIdParams, JoinCodeInput } from "@/lib/courses/schemas";
import { setJoinCode } from "@/lib/courses/set-join-code";
import { route } from "@/lib/http";

export const POST = route({ auth: "admin", params: CourseIdParams, body: JoinCodeInput }, ({ ctx, user, params, body }) => setJoinCode(ctx, user.id, params.id, body.action));
