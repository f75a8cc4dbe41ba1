import { route } from "@/lib/http";
import { revokeQrSession } from "@/lib/qr/revoke-qr-session";
import { QrSessionParams } from "@/lib/qr/schemas";

export const POST = route({ operation: "POST /api/admin/qr-sessions/{id}/revoke", params: QrSessionParams }, ({ ctx, user, params }) => revokeQrSession(ctx, user.id, params.id));
