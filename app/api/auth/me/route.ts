import { getMe } from "@/lib/auth/get-me";
import { route } from "@/lib/http";

export const GET = route({ auth: "user" }, ({ ctx, user }) => getMe(ctx, user));
