// Test-only switches are honoured by test servers only (lib/config.ts testHooksEnabled: APP_ENV=test).
// The one there is, the x-test-now request clock, would let any client move the server's clock:
// skip an access token's expiry, reopen an expired code. A production server (APP_ENV=production,
// bcrypt at its production cost) must ignore it; the shared test server honouring the same
// requests shows each check can fail.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import { fixedClock, systemClock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { createDb, type Db } from "@/lib/db";
import { cryptoRandom } from "@/lib/random";
import { request } from "../support/api";
import { testCtx, testDb, uniqueEmail } from "../support/db";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "prodhooks");
  server = await startServer(database.url, { APP_ENV: "production", BCRYPT_ROUNDS: "12" });
  db = await createDb(database.url);
  ctx = { db, clock: systemClock, random: cryptoRandom, config: parseConfig(server.env), ip: "127.0.0.9", userAgent: "vitest", deviceId: null, requestId: "t" };
}, 120_000); // a server start on a busy machine

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

const PINNED = "2001-02-03T04:05:06.000Z";

/** An admin's access token in `target`'s database, issued at `issuedAt` (default now). */
async function adminToken(c: Ctx, issuedAt?: Date): Promise<string> {
  const user = await c.db.user.create({ data: { email: uniqueEmail("hooks"), fullName: "Hooks Admin", passwordHash: "x", role: "admin", status: "active", emailVerifiedAt: new Date() } });
  const at = issuedAt ? { ...c, clock: fixedClock(issuedAt) } : c;
  const session = await createSession(at, c.db, { id: user.id, role: "admin" });
  return (await issueTokenPair(at, c.db, { id: user.id, role: "admin" }, session.id)).access_token;
}

const serverTime = async (base: string, token: string) => {
  const res = await request("GET", new URL("/api/admin/approval-requests", base).toString(), { token, headers: { "x-test-now": PINNED } });
  expect(res.status, res.text).toBe(200);
  return Date.parse((res.body as { server_time: string }).server_time);
};

describe(`test-only switches outside APP_ENV=test (${inject("provider")})`, () => {
  it("a production server ignores the x-test-now clock header (the test server honours it)", async () => {
    expect(server.env.APP_ENV).toBe("production");
    const before = Date.now();
    const production = await serverTime(server.url, await adminToken(ctx));
    expect(production).toBeGreaterThanOrEqual(before - 5_000);
    expect(production).toBeLessThanOrEqual(Date.now() + 5_000);
    // the control: the shared test server moves its clock for the same request
    expect(await serverTime(inject("baseUrl"), await adminToken({ ...(await testCtx()), db: await testDb() }))).toBe(Date.parse(PINNED));
  });

  it("an expired access token stays expired in production, whatever time the client claims", async () => {
    const issued = new Date(Date.now() - 2 * 3600_000); // access tokens live at most 15 minutes
    const claimed = { "x-test-now": new Date(issued.getTime() + 60_000).toISOString() };
    const production = await request("GET", new URL("/api/auth/me", server.url).toString(), { token: await adminToken(ctx, issued), headers: claimed });
    expect(production.status, production.text).toBe(401);
    const test = await request("GET", "/api/auth/me", { token: await adminToken(await testCtx(), issued), headers: claimed });
    expect(test.status, test.text).toBe(200);
  });
});
