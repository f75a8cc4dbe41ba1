import { created, route } from "@/lib/http";
import { issueQrSession } from "@/lib/qr/issue-qr-session";
import { IssueQrSessionInput } from "@/lib/qr/schemas";

export const POST = route({ operation: "POST /api/admin/qr-sessions", body: IssueQrSessionInput }, async ({ ctx, user, body }) =>
  created(await issueQrSession(ctx, user.id, body.event_id)),
);
