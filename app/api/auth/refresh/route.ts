import { RefreshBody } from "@/lib/accounts/schemas";
import { refreshTokens } from "@/lib/auth/refresh-tokens";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/refresh", body: RefreshBody }, ({ ctx, body }) => refreshTokens(ctx, body.refresh_token));
