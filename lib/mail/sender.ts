// The sender: every instance started by server.ts polls the outbox and delivers what it claims
// (lib/mail/claim-outbox.ts), a few messages at a time over a pooled SMTP connection. Started from
// server.ts (like the backup scheduler), never from the Next bundle, so builds and route workers
// start no timers. Without SMTP_URL it only prints each waiting message's subject and recipient.
import type { Ctx } from "../context";
import { log } from "../log";
import { redactedErrorMessage } from "../security/redact";
import { announcePendingMail } from "./announce-pending";
import { claimOutboxBatch } from "./claim-outbox";
import { deliverMessage } from "./deliver-message";
import { createMailTransport, SMTP_CONNECTIONS } from "./transport";

/** How often an idle sender looks for due mail. */
export const MAIL_POLL_MS = 1_000;
const BATCH = 25;

export function startMailSender(makeCtx: () => Promise<Ctx>, instanceId: string): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let transport: ReturnType<typeof createMailTransport> | undefined;

  const drain = async () => {
    const ctx = await makeCtx();
    if (transport === undefined) transport = createMailTransport(ctx.config);
    if (!transport) {
      await announcePendingMail(ctx);
      return;
    }
    while (!stopped) {
      const batch = await claimOutboxBatch(ctx, instanceId, BATCH);
      if (batch.length === 0) return;
      // SMTP_CONNECTIONS messages in flight at once, each on its own pooled connection
      const queue = [...batch];
      const worker = async () => {
        for (let m = queue.shift(); m; m = queue.shift()) await deliverMessage(ctx, transport!, instanceId, m);
      };
      await Promise.all(Array.from({ length: Math.min(SMTP_CONNECTIONS, batch.length) }, worker));
      if (batch.length < BATCH) return;
    }
  };

  const tick = () => {
    current = drain()
      .catch((error: unknown) => log("error", "mail sender", { error: redactedErrorMessage(error) }))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, MAIL_POLL_MS);
          timer.unref();
        }
      });
  };
  timer = setTimeout(tick, 500);
  timer.unref();

  return {
    /** Finish the messages in flight (their rows are marked), then close the SMTP connections. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      transport?.close();
    },
  };
}
