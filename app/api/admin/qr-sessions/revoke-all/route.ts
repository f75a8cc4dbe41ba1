import { route } from "@/lib/http";
import { revokeAllQrSessions } from "@/lib/qr/revoke-all";

/** Every live code of every event (a suspected leak or a QR_SIGNING_SECRET rotation). */
export const POST = route({ operation: "POST /api/admin/qr-sessions/revoke-all" }, async ({ ctx, user }) => ({ revoked: await revokeAllQrSessions(ctx, user) }));
