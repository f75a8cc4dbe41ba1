// Logout revokes the session row: every token of its family and the browser cookie stop
// working on the next request.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { revokeSession } from "./sessions";

export async function logout(ctx: Ctx, user: { id: string; sessionId: string }) {
  await ctx.db.$transaction(async (tx) => {
    const revoked = await revokeSession(ctx, tx, user.sessionId, "logout");
    if (revoked) await recordAudit(tx, ctx, { action: "logout", actorId: user.id, targetType: "auth_session", targetId: user.sessionId });
  });
  return { ok: true };
}
