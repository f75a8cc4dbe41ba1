import { signUp } from "@/lib/accounts/sign-up";
import { SignupBody } from "@/lib/accounts/schemas";
import { created, route } from "@/lib/http";

export const POST = route({ auth: "none", body: SignupBody }, async ({ ctx, body }) => created(await signUp(ctx, body)));
