// A server killed (SIGKILL) while it holds a claimed message loses nothing
// (docs/design.md#outgoing-mail): killed between claim and send, the message is delivered once
// after the restart; killed after the relay took the message but before the row was marked, it
// is delivered again with the same Message-ID (at-least-once, recognisably the same mail).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { ctxFor, enqueueAll, testMail } from "../support/mail-env";
import { smtpRefusal, startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const provider = inject("provider");
let database: TestDatabase;
let smtp: SmtpCapture;
let ctx: Ctx & { db: Db };
const servers: TestServer[] = [];
/** recipients whose next RCPT (or DATA) the relay holds, and how to let it go */
const holdRcpt = new Map<string, { arrived: () => void; release: Promise<void> }>();
const holdData = new Map<string, { arrived: () => void; release: Promise<void> }>();

function hold(map: typeof holdRcpt, to: string) {
  let arrived!: () => void;
  let release!: () => void;
  const arrival = new Promise<void>((r) => (arrived = r));
  map.set(to, { arrived, release: new Promise<void>((r) => (release = r)) });
  return { arrival, release };
}

async function start(): Promise<TestServer> {
  const s = await startServer(database.url, { SMTP_URL: smtp.url, MAIL_RETRY_FIRST_SECONDS: "1" });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  database = await createTestDatabase(provider, "mailcrash");
  smtp = await startSmtpCapture({
    async onRecipient(address) {
      const h = holdRcpt.get(address);
      if (h) {
        holdRcpt.delete(address);
        h.arrived();
        await h.release;
        return smtpRefusal(421, "4.4.2 Connection dropped"); // the client is gone by now anyway
      }
    },
    async beforeAccept(mail) {
      const h = holdData.get(mail.to[0]!);
      if (h) {
        holdData.delete(mail.to[0]!);
        h.arrived();
        await h.release;
      }
    },
  });
  const first = await start();
  ctx = await ctxFor(database.url, first.env);
}, 90_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await smtp?.stop();
  await ctx?.db.$disconnect();
  await database?.drop();
});

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe(`a crash while sending (${provider})`, () => {
  it("killed between claim and send: delivered once after the restart", async () => {
    const to = `claimed.${Date.now()}@example.edu`;
    const { arrival, release } = hold(holdRcpt, to);
    await enqueueAll(ctx, [testMail(to, "Sent after a crash")]);
    await arrival; // the server claimed it and is talking to the relay; nothing is delivered yet
    const claimed = await ctx.db.outboxMessage.findFirstOrThrow({ where: { recipient: to } });
    expect(claimed.state).toBe("sending");
    const victim = servers.at(-1)!;
    process.kill(victim.pid, "SIGKILL");
    expect(await victim.exited).toBeNull();
    release();
    await start();
    const row = await waitFor("the message to be sent after the restart", async () => {
      const r = await ctx.db.outboxMessage.findFirstOrThrow({ where: { recipient: to } });
      return r.state === "sent" && r;
    });
    expect(row.attempts).toBe(2);
    const delivered = smtp.received.filter((m) => m.to.includes(to));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(claimed.messageId);
  }, 120_000);

  it("killed after the relay took it but before the row was marked: sent again with the same Message-ID", async () => {
    const to = `unmarked.${Date.now()}@example.edu`;
    const { arrival, release } = hold(holdData, to);
    await enqueueAll(ctx, [testMail(to, "Sent at least once")]);
    await arrival; // the relay has the whole message; the server waits for its 250
    const victim = servers.at(-1)!;
    process.kill(victim.pid, "SIGKILL");
    await victim.exited;
    release(); // the relay keeps what it received, as a real one would
    await start();
    const row = await waitFor("the message to be marked sent after the restart", async () => {
      const r = await ctx.db.outboxMessage.findFirstOrThrow({ where: { recipient: to } });
      return r.state === "sent" && r;
    });
    const delivered = smtp.received.filter((m) => m.to.includes(to));
    expect(delivered).toHaveLength(2);
    expect(delivered.map((m) => m.messageId)).toEqual([row.messageId, row.messageId]);
  }, 120_000);
});
