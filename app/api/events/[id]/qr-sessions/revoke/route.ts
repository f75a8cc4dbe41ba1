import { route } from "@/lib/http";
import { IdParams } from "@/lib/events/schemas";
import { revokeEventQrSessions } from "@/lib/qr/revoke-qr-session";

/** Revoke every live code of this event (the projector's "revoke all"). */
export const POST = route({ operation: "POST /api/events/{id}/qr-sessions/revoke", params: IdParams }, ({ ctx, user, params }) => revokeEventQrSessions(ctx, user.id, params.id));
