// Lazily persist what the clock already decided: a user's pending requests past expires_at
// become "expired", and the user too unless a live request exists. Scoped to one user, so a
// test (or a skewed instance) never expires other people's requests.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";

export async function expireOverdueRequests(ctx: Pick<Ctx, "clock">, db: DbOrTx, userId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const { count } = await db.approvalRequest.updateMany({
    where: { userId, status: "pending", expiresAt: { lte: now } },
    data: { status: "expired" },
  });
  if (count === 0) return false;
  await db.user.updateMany({
    where: { id: userId, status: "pending", approvalRequests: { none: { status: "pending", expiresAt: { gt: now } } } },
    data: { status: "expired" },
  });
  return true;
}
