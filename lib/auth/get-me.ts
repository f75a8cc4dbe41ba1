// GET /api/auth/me: the signed-in user (the session was already checked by authenticate).
import { presentUser } from "../accounts/present";
import type { Ctx } from "../context";
import type { AuthUser } from "./authenticate";

export async function getMe(ctx: Ctx, user: AuthUser) {
  const row = await ctx.db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { id: true, email: true, fullName: true, role: true, status: true, createdAt: true, lastLoginAt: true, mustChangePassword: true },
  });
  return {
    ...presentUser(row),
    created_at: row.createdAt.toISOString(),
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    session_id: user.sessionId,
    must_change_password: row.mustChangePassword,
  };
}
