// With no SMTP_URL mail is not dropped (docs/design.md#outgoing-mail): it waits in the outbox,
// the server log prints one line per message (subject and recipient, never the body or its token),
// and admins read it at GET /api/admin/outbox, which never shows a body that holds a secret. The
// dashboard's metrics count it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { request } from "../support/api";
import { ctxFor, enqueueAll, testMail } from "../support/mail-env";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const provider = inject("provider");
let database: TestDatabase;
let server: TestServer;
let ctx: Ctx & { db: Db };
const SECRET = "vT3qP8xK2mN7wR4yB6cD9fG1hJ5kL0sA3eU8iO2pQ7z";

beforeAll(async () => {
  database = await createTestDatabase(provider, "mailnorelay");
  server = await startServer(database.url, { LOG_LEVEL: "info" }); // no SMTP_URL
  ctx = await ctxFor(database.url, server.env);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await ctx?.db.$disconnect();
  await database?.drop();
});

async function tokenOf(role: "admin" | "student") {
  const user = await ctx.db.user.create({ data: { email: `${role}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.edu`, passwordHash: "x", fullName: `An ${role}`, role, status: "active" } });
  const session = await createSession(ctx, ctx.db, { id: user.id, role });
  return (await issueTokenPair(ctx, ctx.db, { id: user.id, role }, session.id)).access_token;
}

const at = (path: string, token: string) => request("GET", new URL(path, server.url).toString(), { token });

async function until<T>(probe: () => T | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe(`the outbox without a mail relay (${provider})`, () => {
  it("mail waits; the log names each message once, never its secret; the admin outbox hides secret bodies", async () => {
    const stamp = Date.now();
    const secretTo = `verify.${stamp}@example.edu`;
    const plainTo = `news.${stamp}@example.edu`;
    await enqueueAll(ctx, [testMail(secretTo, "Rollcall: confirm your address", { secret: SECRET }), testMail(plainTo, "Rollcall: a plain notice")]);
    const lines = await until(() => {
      const found = server.output().split("\n").filter((l) => l.includes("mail waiting in the outbox") && (l.includes(secretTo) || l.includes(plainTo)));
      return found.length === 2 && found;
    });
    expect(lines.find((l) => l.includes(secretTo))).toContain("Rollcall: confirm your address");
    expect(server.output()).not.toContain(SECRET);
    await new Promise((r) => setTimeout(r, 2_500)); // more sender ticks: still one line each
    expect(server.output().split("\n").filter((l) => l.includes("mail waiting in the outbox") && l.includes(secretTo))).toHaveLength(1);

    const admin = await tokenOf("admin");
    const res = await at("/api/admin/outbox", admin);
    expect(res.status, res.text).toBe(200);
    expect(res.text).not.toContain(SECRET);
    const secret = res.body.messages.find((m: { to: string }) => m.to === secretTo);
    const plain = res.body.messages.find((m: { to: string }) => m.to === plainTo);
    expect(secret).toMatchObject({ state: "pending", contains_secret: true, text: null, attempts: 0, subject: "Rollcall: confirm your address" });
    expect(plain).toMatchObject({ state: "pending", contains_secret: false, attempts: 0 });
    expect(plain.text).toContain("Nothing secret in here.");
    expect(res.body.summary).toMatchObject({ smtp_configured: false });
    expect(res.body.summary.pending).toBeGreaterThanOrEqual(2);
    expect(res.body.summary.oldest_pending_age_seconds).toBeGreaterThanOrEqual(0);

    const filtered = await at(`/api/admin/outbox?to=${encodeURIComponent(secretTo.toUpperCase())}&state=pending`, admin);
    expect(filtered.body.messages.map((m: { to: string }) => m.to)).toEqual([secretTo]);

    const metrics = await at("/api/admin/metrics", admin);
    expect(metrics.status, metrics.text).toBe(200);
    expect(metrics.body.outbox).toMatchObject({ smtp_configured: false, failed_last_24h: 0, status: "green" });
    expect(metrics.body.outbox.pending).toBeGreaterThanOrEqual(2);

    const student = await tokenOf("student");
    expect((await at("/api/admin/outbox", student)).status).toBe(403);
    expect((await request("GET", new URL("/api/admin/outbox", server.url).toString())).status).toBe(401);
  });
});
