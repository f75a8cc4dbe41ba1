// Two app instances on one PostgreSQL database drain one outbox (docs/design.md#outgoing-mail):
// each of 200 messages reaches the relay exactly once, and both instances do part of the work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { ctxFor, enqueueAll, testMail } from "../support/mail-env";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let smtp: SmtpCapture;
let ctx: Ctx & { db: Db };
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await createTestDatabase("postgresql", "mailmulti");
  smtp = await startSmtpCapture();
  const env = { SMTP_URL: smtp.url, LOG_LEVEL: "info" };
  [a, b] = await Promise.all([startServer(database.url, env), startServer(database.url, env)]);
  ctx = await ctxFor(database.url, a.env);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.stop();
  await ctx?.db.$disconnect();
  await database?.drop();
});

const sentLines = (s: TestServer, stamp: number) => s.output().split("\n").filter((l) => l.includes('"msg":"mail sent"') && l.includes(`multi.${stamp}.`)).length;

describe("two instances, one outbox (postgresql)", () => {
  it("200 messages: each delivered exactly once, by one instance or the other", async () => {
    const stamp = Date.now();
    await enqueueAll(ctx, Array.from({ length: 200 }, (_, i) => testMail(`multi.${stamp}.${i}@example.edu`, `Multi ${i}`)));
    await smtp.waitForCount(200, 60_000);
    // let any duplicate that a double claim would cause arrive too
    await new Promise((r) => setTimeout(r, 3_000));
    const delivered = smtp.received.filter((m) => m.to[0]!.startsWith(`multi.${stamp}.`));
    expect(delivered).toHaveLength(200);
    expect(new Set(delivered.map((m) => m.to[0])).size).toBe(200);
    expect(new Set(delivered.map((m) => m.messageId)).size).toBe(200);
    expect(await ctx.db.outboxMessage.count({ where: { state: "sent", attempts: 1 } })).toBe(200);
    const byA = sentLines(a, stamp);
    const byB = sentLines(b, stamp);
    console.log(`[mail] 200 messages by two instances: ${byA} + ${byB}`);
    expect(byA + byB).toBe(200);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  }, 120_000);
});
