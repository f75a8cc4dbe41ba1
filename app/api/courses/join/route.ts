import { joinCourse } from "@/lib/courses/join-course";
import { JoinInput } from "@/lib/courses/schemas";
import { created, route } from "@/lib/http";

export const POST = route({ operation: "POST /api/courses/join", body: JoinInput }, async ({ ctx, user, body }) => {
  const result = await joinCourse(ctx, user, body.code);
  return result.already_enrolled ? result : created(result);
});
