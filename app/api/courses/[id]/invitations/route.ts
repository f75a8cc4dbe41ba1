import { route } from "@/lib/http";
import { inviteStudents } from "@/lib/courses/invite-students";
import { CourseIdParams, InviteInput } from "@/lib/courses/schemas";

export const POST = route({ operation: "POST /api/courses/{id}/invitations", params: CourseIdParams, body: InviteInput }, ({ ctx, user, params, body }) => inviteStudents(ctx, user, params.id, body));
