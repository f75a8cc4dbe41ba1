// With no SMTP_URL mail is not dropped: it stays pending in the outbox for admins to read at
// /admin/outbox, and the server log prints one line per message, once, with its subject and
// recipient and never its body (which may hold a sign-in link). Once per message across
// instances: the line is claimed by a conditional update of logged_at.
import type { Ctx } from "../context";
import { log } from "../log";
import { redactSecrets } from "../security/redact";

export async function announcePendingMail(ctx: Ctx, limit = 100): Promise<number> {
  const waiting = await ctx.db.outboxMessage.findMany({
    where: { state: "pending", loggedAt: null },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, recipient: true, subject: true },
  });
  let announced = 0;
  for (const m of waiting) {
    const { count } = await ctx.db.outboxMessage.updateMany({ where: { id: m.id, loggedAt: null }, data: { loggedAt: ctx.clock.now() } });
    if (count !== 1) continue;
    announced++;
    log("info", "mail waiting in the outbox (no SMTP_URL: read it at /admin/outbox)", { outbox_id: m.id, to: m.recipient, subject: redactSecrets(m.subject) });
  }
  return announced;
}
