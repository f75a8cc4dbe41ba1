// Revoking every live code at once (POST /api/admin/qr-sessions/revoke-all). It revokes the codes
// of every event, so this file runs its own server on its own database: on the shared one it
// would revoke the codes other test files are marking with at that moment.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { expectError, request } from "../support/api";
import { stepUp } from "../support/factories";
import { userWithToken } from "../support/own-server-users";
import { ctxFor } from "../support/own-server-ctx";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "revokeall");
  server = await startServer(database.url);
  ctx = await ctxFor(database.url, server.env);
  db = ctx.db;
}, 120_000); // a server start on a busy machine

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});


const call = (method: string, path: string, token: string, json?: unknown) => request(method, new URL(path, server.url).toString(), { token, json });
const iso = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();

describe(`revoking every live code (${inject("provider")})`, () => {
  it("410 qr_revoked for every live code of every event, audited once; a fresh code works again", async () => {
    const admin = await userWithToken(ctx, "admin");
    const student = await userWithToken(ctx, "student");
    const events = [];
    for (const title of ["Logic", "Algebra"]) {
      const res = await call("POST", "/api/events", admin.token, { title, starts_at: iso(-60), ends_at: iso(3600) });
      expect(res.status, res.text).toBe(201);
      events.push(res.body as { id: string });
    }
    const codes = [];
    for (const event of [...events, events[0]!]) {
      const res = await call("POST", "/api/admin/qr-sessions", admin.token, { event_id: event.id });
      expect(res.status, res.text).toBe(201);
      codes.push(res.body as { qr_payload: string });
    }
    // one code revoked before: not live, not counted again
    await call("POST", `/api/admin/qr-sessions/${(await db.qrSession.findFirstOrThrow({ orderBy: { issuedAt: "asc" } })).id}/revoke`, admin.token);

    expectError(await call("POST", "/api/admin/qr-sessions/revoke-all", admin.token), 403, "step_up_required");
    await stepUp(admin.token, server.url);
    const all = await call("POST", "/api/admin/qr-sessions/revoke-all", admin.token);
    expect(all.status, all.text).toBe(200);
    expect(all.body.revoked).toBe(2);
    for (const code of codes) expectError(await call("POST", "/api/attendance/mark", student.token, { qr_payload: code.qr_payload }), 410, "qr_revoked");
    expect(await db.qrSession.count({ where: { revokedAt: null } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "qr_revoked_all", actorId: admin.id } })).toBe(1);

    const fresh = await call("POST", "/api/admin/qr-sessions", admin.token, { event_id: events[1]!.id });
    expect((await call("POST", "/api/attendance/mark", student.token, { qr_payload: fresh.body.qr_payload })).status).toBe(201);
  });
});
