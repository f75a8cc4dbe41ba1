import { getMe } from "@/lib/auth/get-me";
import { route } from "@/lib/http";

export const GET = route({ operation: "GET /api/auth/me", beforePasswordChange: true }, ({ ctx, user }) => getMe(ctx, user));
