// A database, an SMTP capture and an app server of a mail test's own (the shared server's sender
// would otherwise deliver what the test enqueues), plus a context to enqueue with.
import type { Ctx } from "@/lib/context";
import { composeMail } from "@/lib/mail/compose";
import { enqueueMail, type OutgoingMail } from "@/lib/mail/enqueue-mail";
import { transact } from "@/lib/transact";

export { ctxFor } from "./own-server-ctx";

/** A plain account mail to `to` (optionally carrying a secret link). */
export function testMail(to: string, subject: string, opts: { secret?: string } = {}): OutgoingMail {
  const content = composeMail({
    heading: subject,
    paragraphs: [opts.secret ? "Use this link to continue." : "Nothing secret in here."],
    ...(opts.secret && { action: { label: "Continue", url: `http://localhost/verify-email?token=${opts.secret}` } }),
    reason: "A test sent it.",
  });
  return { to, subject, ...content, category: "account", containsSecret: Boolean(opts.secret) };
}

/** Commit these mails in one transaction, as a use case would. */
export async function enqueueAll(ctx: Ctx, mails: OutgoingMail[]): Promise<void> {
  await transact(ctx, async (tx) => {
    for (const m of mails) await enqueueMail(tx, ctx, m);
  }, { timeout: 60_000 });
}
