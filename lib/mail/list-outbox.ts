// The admin outbox (GET /api/admin/outbox, /admin/outbox): every message with its state, newest
// first. Bodies that hold a sign-in link or code are never shown, not even to admins: an admin
// must not be able to verify an address or reset a password as someone else.
import type { Ctx } from "../context";
import { normalizeEmail } from "../accounts/normalize-email";
import { afterCursor, NEWEST_FIRST, pageOf } from "../pagination";
import { outboxSummary } from "./outbox-summary";
import type { OutboxMessageOut, OutboxPage, OutboxQuery } from "./schemas";

export async function listOutbox(ctx: Ctx, query: OutboxQuery): Promise<OutboxPage> {
  const and: object[] = [];
  if (query.state) and.push({ state: query.state });
  if (query.to) and.push({ recipient: normalizeEmail(query.to) }); // stored normalised (enqueueMail)
  if (query.cursor) and.push(afterCursor(query.cursor));
  const [rows, summary] = await Promise.all([
    ctx.db.outboxMessage.findMany({
      where: { AND: and },
      orderBy: NEWEST_FIRST,
      take: query.limit + 1,
      omit: { html: true, headers: true },
    }),
    outboxSummary(ctx),
  ]);
  const { items, nextCursor } = pageOf(rows, query.limit);
  const messages: OutboxMessageOut[] = items.map((m) => ({
    id: m.id,
    message_id: m.messageId,
    to: m.recipient,
    subject: m.subject,
    category: m.category,
    state: m.state,
    attempts: m.attempts,
    next_attempt_at: m.state === "pending" && m.attempts > 0 ? m.nextAttemptAt.toISOString() : null,
    last_error: m.lastError,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
    failed_at: m.failedAt?.toISOString() ?? null,
    contains_secret: m.containsSecret,
    text: m.containsSecret || m.text === "" ? null : m.text,
  }));
  return { summary, messages, next_cursor: nextCursor };
}
