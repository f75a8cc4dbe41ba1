// Accounts with a bearer token, written straight into a test file's own database (tests that start
// a server of their own cannot use the factories, which talk to the shared server and database).
import bcrypt from "bcrypt";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/policy";
import type { Ctx } from "@/lib/context";
import { uniqueEmail } from "./db";
import { TEST_PASSWORD } from "./factories";

/** An active, verified account of `role` in `ctx.db`, and an access token for it. */
export async function userWithToken(ctx: Ctx, role: Role): Promise<{ id: string; token: string }> {
  const user = await ctx.db.user.create({
    data: { email: uniqueEmail(role), fullName: `Test ${role}`, passwordHash: await bcrypt.hash(TEST_PASSWORD, 4), role, status: "active", emailVerifiedAt: new Date() },
  });
  const session = await createSession(ctx, ctx.db, { id: user.id, role });
  return { id: user.id, token: (await issueTokenPair(ctx, ctx.db, { id: user.id, role }, session.id)).access_token };
}
