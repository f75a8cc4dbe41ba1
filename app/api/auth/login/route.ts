import { LoginBody } from "@/lib/accounts/schemas";
import { login } from "@/lib/auth/login";
import { route } from "@/lib/http";

export const POST = route({ operation: "POST /api/auth/login", body: LoginBody, metric: "login" }, ({ ctx, body }) => login(ctx, body));
