// A database, an SMTP capture and an app server of a mail test's own (the shared server's sender
// would otherwise deliver what the test enqueues), plus a context to enqueue with.
import { randomUUID } from "node:crypto";
import { systemClock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { createDb, type Db } from "@/lib/db";
import { composeMail } from "@/lib/mail/compose";
import { enqueueMail, type OutgoingMail } from "@/lib/mail/enqueue-mail";
import { cryptoRandom } from "@/lib/random";
import { transact } from "@/lib/transact";
import type { ServerEnv } from "./test-server";

export async function ctxFor(databaseUrl: string, env: ServerEnv): Promise<Ctx & { db: Db }> {
  return {
    db: await createDb(databaseUrl),
    clock: systemClock,
    random: cryptoRandom,
    config: parseConfig({ ...env, APP_ENV: "test" }),
    ip: "127.0.0.1",
    userAgent: "vitest",
    deviceId: null,
    requestId: randomUUID(),
  };
}

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
