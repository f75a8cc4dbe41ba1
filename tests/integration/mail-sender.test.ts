// The sender against a real SMTP server of the test's own (docs/design.md#outgoing-mail): a 451
// is retried until the relay accepts; a 550 is marked failed with the relay's reason, redacted
// (no URL password, bearer token or reset token reaches the database or the log); 300 messages
// all reach the relay, each exactly once. How fast they drain is measured by `npm run bench`
// (the signup scenario's outbox target), not here: a test's pass must not depend on the machine's load.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { ctxFor, enqueueAll, testMail } from "../support/mail-env";
import { smtpRefusal, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";
import { eventually } from "../support/poll";

const provider = inject("provider");
let database: TestDatabase;
let smtp: SmtpCapture;
let server: TestServer;
let ctx: Ctx & { db: Db };
const refusedOnce = new Set<string>();
const rcptAttempts = new Map<string, number>();

// Secrets as the relay might echo them back in a refusal: each kind the redaction step knows.
const URL_PASSWORD = "Hunter2-relay-password";
const BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const RESET_TOKEN = "rst_9fQ2xL7vB3nK8mP1wR5tY6uZ0aC4dE7gH2jJ5kL8";

beforeAll(async () => {
  database = await createTestDatabase(provider, "mail");
  smtp = await startSmtpCapture({
    onRecipient(address) {
      rcptAttempts.set(address, (rcptAttempts.get(address) ?? 0) + 1);
      if (address.startsWith("tempfail.") && !refusedOnce.has(address)) {
        refusedOnce.add(address);
        return smtpRefusal(451, "4.7.1 Greylisted, please try again later");
      }
      if (address.startsWith("permfail.")) return smtpRefusal(550, "5.1.1 No such mailbox here");
      if (address.startsWith("secretfail.")) {
        return smtpRefusal(554, `5.7.1 Rejected: relay smtp://rollcall:${URL_PASSWORD}@relay.college.edu said Authorization: Bearer ${BEARER} for reset token=${RESET_TOKEN}`);
      }
    },
  });
  server = await startServer(database.url, { SMTP_URL: smtp.url, MAIL_RETRY_FIRST_SECONDS: "1", LOG_LEVEL: "info" });
  ctx = await ctxFor(database.url, server.env);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await ctx?.db.$disconnect();
  await database?.drop();
});

async function rowOf(to: string, until: (state: string) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await ctx.db.outboxMessage.findFirstOrThrow({ where: { recipient: to } });
    if (until(row.state)) return row;
    if (Date.now() > deadline) throw new Error(`outbox row for ${to} stayed ${row.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`the mail sender (${provider})`, () => {
  it("a 451 is retried with backoff and delivered once the relay accepts", async () => {
    const to = `tempfail.${Date.now()}@example.edu`;
    await enqueueAll(ctx, [testMail(to, "Greylisted once")]);
    const row = await rowOf(to, (s) => s === "sent");
    expect(row.attempts).toBe(2);
    expect(rcptAttempts.get(to)).toBe(2);
    expect(smtp.received.filter((m) => m.to.includes(to))).toHaveLength(1);
    const deferred = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{") && l.includes(to))
      .map((l) => JSON.parse(l) as { msg?: string; to?: string })
      .filter((l) => l.msg === "mail deferred" && l.to === to);
    expect(deferred).toHaveLength(1);
    expect(JSON.stringify(deferred[0])).toContain("451");
  });

  it("a 550 is marked failed with the relay's reason and not tried again", async () => {
    const to = `permfail.${Date.now()}@example.edu`;
    await enqueueAll(ctx, [testMail(to, "No such mailbox")]);
    const row = await rowOf(to, (s) => s === "failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/550/);
    expect(row.lastError).toContain("No such mailbox here");
    expect(row.failedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 2_500)); // longer than the first retry would wait
    expect(rcptAttempts.get(to)).toBe(1);
    expect((await ctx.db.outboxMessage.findFirstOrThrow({ where: { recipient: to } })).state).toBe("failed");
  });

  it("a refusal that echoes a URL password, a bearer token and a reset token stores and logs none of them", async () => {
    const to = `secretfail.${Date.now()}@example.edu`;
    await enqueueAll(ctx, [testMail(to, "Your reset link", { secret: RESET_TOKEN })]);
    const row = await rowOf(to, (s) => s === "failed");
    expect(row.lastError).toMatch(/554/);
    expect(row.lastError).toContain("[redacted]");
    // a failed message that carried a secret keeps no copy of its body
    expect(row.text).toBe("");
    expect(row.html).toBe("");
    // the log line follows the row's update: wait for it
    await eventually("the sender's log line", async () => server.output().split("\n").find((l) => l.includes('"mail failed"') && l.includes(to)));
    for (const secret of [URL_PASSWORD, BEARER, RESET_TOKEN]) {
      expect(row.lastError).not.toContain(secret);
      expect(server.output()).not.toContain(secret);
    }
  });

  it("a sent message that carried a secret keeps no copy of its body; one without keeps it", async () => {
    const stamp = Date.now();
    const secretTo = `secret.${stamp}@example.edu`;
    const plainTo = `plain.${stamp}@example.edu`;
    await enqueueAll(ctx, [testMail(secretTo, "Verify your address", { secret: "A".repeat(43) }), testMail(plainTo, "Just news")]);
    const secretRow = await rowOf(secretTo, (s) => s === "sent");
    const plainRow = await rowOf(plainTo, (s) => s === "sent");
    expect(secretRow.text).toBe("");
    expect(plainRow.text).toContain("Nothing secret in here.");
    const delivered = smtp.received.find((m) => m.to.includes(secretTo))!;
    expect(delivered.text).toContain("A".repeat(43)); // the recipient got the link all the same
  });

  it("drains 300 messages to the relay, each delivered exactly once", async () => {
    const stamp = Date.now();
    const before = smtp.received.length;
    const mails = Array.from({ length: 300 }, (_, i) => testMail(`bulk.${stamp}.${i}@example.edu`, `Bulk ${i}`));
    const started = Date.now();
    await enqueueAll(ctx, mails);
    // a budget for a loaded CI machine, not a speed goal (that is the bench's)
    await smtp.waitForCount(before + 300, 240_000);
    console.log(`[mail] 300 messages drained in ${((Date.now() - started) / 1000).toFixed(1)} s (${provider})`);
    const ours = smtp.received.slice(before).filter((m) => m.to.some((to) => to.startsWith(`bulk.${stamp}.`)));
    expect(ours).toHaveLength(300);
    expect(new Set(ours.map((m) => m.messageId)).size).toBe(300);
    expect(new Set(ours.map((m) => m.to.join(","))).size).toBe(300);
    // nothing more arrives afterwards (a message sent twice would show up here)
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.received.slice(before).filter((m) => m.to.some((to) => to.startsWith(`bulk.${stamp}.`)))).toHaveLength(300);
    expect(await ctx.db.outboxMessage.count({ where: { recipient: { startsWith: `bulk.${stamp}.` }, state: "sent" } })).toBe(300);
  }, 300_000);
});
