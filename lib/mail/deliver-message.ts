// One claimed message through the relay, and what its row says afterwards: sent; pending again
// with the next attempt backed off (a 4xx or no connection, for MAIL_RETRY_HOURS after it was
// written); or failed with the relay's reason (a 5xx refusal, or out of retries). Every write is
// conditional on the claim still being this instance's, so a message claimed again meanwhile is
// not overwritten. The stored reason is redacted (lib/security/redact.ts).
import type { Ctx } from "../context";
import { log } from "../log";
import { redactedErrorMessage, redactSecrets } from "../security/redact";
import type { ClaimedMessage } from "./claim-outbox";
import { isPermanentFailure, type MailTransport } from "./transport";

/** The wait before attempt `attempts + 1`: MAIL_RETRY_FIRST_SECONDS doubled per attempt, at most an hour, ±10 %. */
export function retryDelayMs(attempts: number, firstSeconds: number, random: Ctx["random"]): number {
  const base = Math.min(firstSeconds * 2 ** Math.max(0, attempts - 1), 3600) * 1000;
  return Math.round(base * (0.9 + random.int(201) / 1000));
}

/** Sent mail that carried a secret keeps no copy of it (docs/design.md#outgoing-mail). */
const bodyErased = { text: "", html: "" };

export type DeliveryResult = "sent" | "retry" | "failed" | "lost_claim";

export async function deliverMessage(ctx: Ctx, transport: MailTransport, instanceId: string, m: ClaimedMessage): Promise<DeliveryResult> {
  const ours = { id: m.id, state: "sending" as const, claimedBy: instanceId, attempts: m.attempts };
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(m.headers) as Record<string, string>;
  } catch {
    /* written by enqueueMail as JSON; an unreadable value sends no extra headers */
  }
  try {
    await transport.send({ to: m.recipient, subject: m.subject, text: m.text, html: m.html, headers, messageId: m.messageId });
  } catch (error) {
    const now = ctx.clock.now();
    const reason = redactedErrorMessage(error).slice(0, 1000);
    const giveUpAt = m.createdAt.getTime() + ctx.config.MAIL_RETRY_HOURS * 3_600_000;
    const next = new Date(now.getTime() + retryDelayMs(m.attempts, ctx.config.MAIL_RETRY_FIRST_SECONDS, ctx.random));
    const permanent = isPermanentFailure(error);
    const fail = permanent || next.getTime() > giveUpAt;
    const lastError = fail && !permanent ? `gave up after ${m.attempts} attempts over ${ctx.config.MAIL_RETRY_HOURS} h: ${reason}` : reason;
    const { count } = await ctx.db.outboxMessage.updateMany({
      where: ours,
      data: fail
        ? { state: "failed", failedAt: now, lastError, claimedBy: null, claimedAt: null, updatedAt: now, ...(m.containsSecret && bodyErased) }
        : { state: "pending", nextAttemptAt: next, lastError, claimedBy: null, claimedAt: null, updatedAt: now },
    });
    log(fail ? "error" : "warn", fail ? "mail failed" : "mail deferred", {
      outbox_id: m.id,
      to: m.recipient,
      subject: redactSecrets(m.subject),
      attempts: m.attempts,
      reason,
      ...(!fail && { next_attempt_at: next.toISOString() }),
    });
    if (count !== 1) return "lost_claim";
    return fail ? "failed" : "retry";
  }
  const now = ctx.clock.now();
  const { count } = await ctx.db.outboxMessage.updateMany({
    where: ours,
    data: { state: "sent", sentAt: now, lastError: null, claimedBy: null, claimedAt: null, updatedAt: now, ...(m.containsSecret && bodyErased) },
  });
  log("info", "mail sent", { outbox_id: m.id, to: m.recipient, subject: redactSecrets(m.subject), message_id: m.messageId });
  return count === 1 ? "sent" : "lost_claim";
}
