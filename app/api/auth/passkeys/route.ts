import { route } from "@/lib/http";
import { listPasskeys } from "@/lib/passkeys/list-passkeys";

export const GET = route({ auth: "user" }, ({ ctx, user }) => listPasskeys(ctx, user));
