// The outbox at a glance, for the admin dashboard, /api/admin/metrics and /admin/outbox:
// what waits, what failed in the last day, and how long the oldest has waited.
import type { Ctx } from "../context";
import type { OutboxSummary } from "./schemas";

export async function outboxSummary(ctx: Pick<Ctx, "db" | "clock" | "config">): Promise<OutboxSummary> {
  const now = ctx.clock.now();
  const [pending, sending, failed, oldest] = await Promise.all([
    ctx.db.outboxMessage.count({ where: { state: "pending" } }),
    ctx.db.outboxMessage.count({ where: { state: "sending" } }),
    ctx.db.outboxMessage.count({ where: { state: "failed", failedAt: { gte: new Date(now.getTime() - 86_400_000) } } }),
    ctx.db.outboxMessage.findFirst({ where: { state: { in: ["pending", "sending"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return {
    smtp_configured: Boolean(ctx.config.SMTP_URL),
    pending,
    sending,
    failed_last_24h: failed,
    oldest_pending_at: oldest?.createdAt.toISOString() ?? null,
    oldest_pending_age_seconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null,
  };
}
