// Which instance sends which message, decided in the database (docs/design.md#outgoing-mail):
// a message is claimed by one conditional update on (id, state, attempts) that also counts the
// attempt, so with several instances on PostgreSQL each claim has exactly one winner. A message
// claimed by an instance that stopped (no heartbeat, lib/server/instances.ts) or claimed longer
// ago than any send can take is claimed again: a crash between claim and send loses nothing, and a
// crash between send and mark sends it again with the same Message-ID (at-least-once).
import type { Ctx } from "../context";
import { INSTANCE_LIVE_MS } from "../server/instances";
import { transact } from "../transact";

/** Longer than the transport's timeouts allow one send to take (lib/mail/transport.ts). */
export const STALE_CLAIM_MS = 10 * 60_000;

export interface ClaimedMessage {
  id: string;
  messageId: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: string;
  containsSecret: boolean;
  attempts: number;
  createdAt: Date;
}

const claimedSelect = {
  id: true,
  messageId: true,
  recipient: true,
  subject: true,
  text: true,
  html: true,
  headers: true,
  containsSecret: true,
  attempts: true,
  createdAt: true,
} as const;

/** Up to `limit` due messages, now claimed by `instanceId` (state sending). */
export async function claimOutboxBatch(ctx: Ctx, instanceId: string, limit: number): Promise<ClaimedMessage[]> {
  const now = ctx.clock.now();
  const live = await ctx.db.serverInstance.findMany({ where: { seenAt: { gt: new Date(now.getTime() - INSTANCE_LIVE_MS) } }, select: { id: true } });
  const liveIds = [...new Set([instanceId, ...live.map((i) => i.id)])];
  const candidates = await ctx.db.outboxMessage.findMany({
    where: {
      OR: [
        { state: "pending", nextAttemptAt: { lte: now } },
        { state: "sending", OR: [{ claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } }, { claimedBy: { notIn: liveIds } }, { claimedBy: null }] },
      ],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, state: true, attempts: true },
  });
  if (candidates.length === 0) return [];
  // one transaction per batch (one write lock on SQLite); rows in id order, so two instances
  // claiming overlapping batches on PostgreSQL lock them in the same order and never deadlock
  const won = await transact(ctx, async (tx) => {
    const ids: string[] = [];
    for (const c of [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const { count } = await tx.outboxMessage.updateMany({
        where: { id: c.id, state: c.state, attempts: c.attempts },
        data: { state: "sending", claimedBy: instanceId, claimedAt: now, attempts: { increment: 1 }, updatedAt: now },
      });
      if (count === 1) ids.push(c.id);
    }
    return ids;
  });
  if (won.length === 0) return [];
  return ctx.db.outboxMessage.findMany({ where: { id: { in: won }, claimedBy: instanceId, state: "sending" }, select: claimedSelect, orderBy: { id: "asc" } });
}
