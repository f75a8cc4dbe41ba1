import { logout } from "@/lib/auth/logout";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/logout", beforePasswordChange: true }, ({ ctx, user }) => logout(ctx, user));
