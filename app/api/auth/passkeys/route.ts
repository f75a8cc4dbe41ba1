import { route } from "@/lib/http";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";

export const GET = route({ operation: "GET /api/auth/passkeys" }, ({ ctx, user }) => listPasskeys(ctx, user));
