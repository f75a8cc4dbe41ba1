// The last active admin can't be demoted or deactivated, even by two admins acting at once.
// Needs a database with a known number of admins, so this file runs its own server.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { request } from "../support/api";
import { uniqueEmail } from "../support/db";
import { ctxFor } from "../support/own-server-ctx";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "lastadmin");
  server = await startServer(database.url);
  ctx = await ctxFor(database.url, server.env);
  db = ctx.db;
}, 120_000); // a server start on a busy machine

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

async function admin() {
  const user = await db.user.create({ data: { email: uniqueEmail("admin"), fullName: "Admin", passwordHash: "x", role: "admin", status: "active" } });
  const session = await createSession(ctx, db, { id: user.id, role: "admin" });
  const pair = await issueTokenPair(ctx, db, { id: user.id, role: "admin" }, session.id);
  return { id: user.id, token: pair.access_token };
}

const call = (method: string, path: string, token: string, json?: unknown) =>
  request(method, new URL(path, server.url).toString(), { token, json });
const activeAdmins = () => db.user.count({ where: { role: "admin", status: "active" } });

describe(`last admin (${inject("provider")})`, () => {
  it("refuses to demote or deactivate the only active admin, including themselves", async () => {
    const only = await admin();
    const demote = await call("PATCH", `/api/admin/users/${only.id}`, only.token, { role: "student" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_admin");
    const deactivate = await call("PATCH", `/api/admin/users/${only.id}`, only.token, { active: false });
    expect(deactivate.body.error.code).toBe("last_admin");
    expect(await activeAdmins()).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: only.id } })).toBe(0);
    expect(await db.authSession.count({ where: { userId: only.id, revokedAt: null } })).toBe(1);
  });

  it("two admins demoting each other at once leave exactly one active admin", async () => {
    for (let round = 0; round < 4; round++) {
      await db.user.updateMany({ where: { role: "admin" }, data: { role: "student" } }); // start each round from exactly two
      const a = await admin();
      const b = await admin();
      expect(await activeAdmins()).toBe(2);
      const kind = round % 2 === 0 ? { role: "student" } : { active: false };
      const [ra, rb] = await Promise.all([
        call("PATCH", `/api/admin/users/${b.id}`, a.token, kind),
        call("PATCH", `/api/admin/users/${a.id}`, b.token, kind),
      ]);
      const statuses = [ra.status, rb.status].sort();
      // One wins; the other is refused: as last_admin (409); as 401 if it authenticated after
      // the winner's commit revoked its session; or as 403 if its session and its user row were
      // read on either side of that commit (Prisma loads the relation in a second query), when
      // it is still signed in but no longer an admin. Every outcome refuses the loser.
      expect(statuses[0]).toBe(200);
      expect([401, 403, 409]).toContain(statuses[1]);
      const loser = ra.status === 200 ? rb : ra;
      expect(["last_admin", "session_revoked", "account_deactivated", "forbidden"]).toContain(loser.body.error.code);
      expect(await activeAdmins()).toBe(1);
    }
  });

  it("20 admins each demoting the next at once (a ring) always leave at least one active admin", async () => {
    for (const kind of [{ role: "student" }, { active: false }]) {
      await db.user.updateMany({ where: { role: "admin" }, data: { role: "student" } });
      const admins: { id: string; token: string }[] = [];
      for (let i = 0; i < 20; i++) admins.push(await admin());
      const results = await Promise.all(admins.map((a, i) => call("PATCH", `/api/admin/users/${admins[(i + 1) % 20]!.id}`, a.token, kind)));
      for (const r of results) expect([200, 401, 403, 409], r.text).toContain(r.status);
      const remaining = await activeAdmins();
      expect(remaining).toBeGreaterThanOrEqual(1);
      // each target is demoted by exactly one request: every 200 removed one admin, no more
      expect(results.filter((r) => r.status === 200)).toHaveLength(20 - remaining);
    }
  });
});
