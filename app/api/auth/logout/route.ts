import { logout } from "@/lib/auth/logout";
import { route } from "@/lib/http";

export const POST = route({ auth: "user" }, ({ ctx, user }) => logout(ctx, user));
