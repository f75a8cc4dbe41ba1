// No secret in any output (issue: operations). Each kind of secret this product handles — a
// database URL's password, a bearer token (JWT), a refresh token, a reset/verification token and
// a QR payload's MAC — is injected into a backup that fails and into a request that ends in a
// 500, through real failures: a backup folder that cannot be created (its path holds the
// secrets), pg_dump refused a table (its role's URL holds a password), and a database trigger
// that fails the login's audit write with the request's User-Agent in its error message. None reaches
// the log, the database (backup_runs, notifications, audit), a notification or the API; the
// redaction marker shows each one was there to be removed.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcrypt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { request, uniqueIp } from "../support/api";
import { TEST_PASSWORD } from "../support/factories";
import { createTestDatabase, PG_ADMIN_URL, ROOT, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const run = promisify(execFile);
const provider = inject("provider");
const b64 = (n: number) => randomBytes(n).toString("base64url");
const secret = {
  urlPassword: `Url-Pa55-${randomBytes(6).toString("hex")}`,
  bearer: `eyJhbGciOiJIUzI1NiJ9.${b64(30)}.${b64(32)}`,
  refresh: b64(32), // 43 characters, like a refresh token
  reset: b64(12), // short: only the token= rule can catch it
  qrMac: b64(16),
};
const qrPayload = `v2.${b64(6)}.${b64(39)}.${secret.qrMac}`;
const all = () => Object.values(secret);
function expectNoSecret(text: string, where: string) {
  for (const s of all()) expect(text.includes(s), `${where} holds ${s}`).toBe(false);
}

let database: TestDatabase;
let db: Db;
let server: TestServer;
let dir: string;
let adminToken: string;
const restricted = `rc_redact_${randomBytes(4).toString("hex")}`;

function cli(script: string, args: string[], databaseUrl: string) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join("scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...server.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info", PORT: "" },
    maxBuffer: 8 << 20,
  }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
}

async function everythingStored(): Promise<string> {
  const [runs, notes, audits] = await Promise.all([db.backupRun.findMany(), db.notification.findMany(), db.auditLog.findMany()]);
  return JSON.stringify({ runs, notes, audits });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-redact-"));
  database = await createTestDatabase(provider, "redact");
  db = await createDb(database.url);
  server = await startServer(database.url, { LOG_LEVEL: "info" }); // info: the request lines too
  const email = `admin.${randomBytes(4).toString("hex")}@example.edu`;
  await db.user.create({ data: { email, fullName: "Redaction Admin", passwordHash: await bcrypt.hash(TEST_PASSWORD, 4), role: "admin", status: "active" } });
  const login = await request("POST", new URL("/api/auth/login", server.url).toString(), { ip: uniqueIp(), json: { email, password: TEST_PASSWORD } });
  adminToken = login.body.access_token as string;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await database?.drop();
  if (provider === "postgresql") {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS "${restricted}"`);
    await c.end();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`one log line per request (${provider})`, () => {
  it("time, level, instance, request id, route, status, duration, user and client address; no token", async () => {
    const requestId = `req-${randomBytes(6).toString("hex")}`;
    const ip = uniqueIp();
    const before = server.output().length;
    const res = await request("GET", new URL("/api/events/no-such-event", server.url).toString(), { ip, token: adminToken, headers: { "x-request-id": requestId } });
    expect(res.status).toBe(404);
    expect(res.headers["x-request-id"]).toBe(requestId);
    const deadline = Date.now() + 10_000;
    const find = () => server.output().slice(before).split("\n").find((l) => l.includes(requestId));
    while (!find() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const line = JSON.parse(find()!) as Record<string, unknown>;
    const me = await request("GET", new URL("/api/auth/me", server.url).toString(), { token: adminToken });
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      instance: expect.stringMatching(new RegExp(`:${server.port}$`)),
      instance_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      request_id: requestId,
      method: "GET",
      route: "/api/events/{id}",
      status: 404,
      user_id: me.body.id,
      client_ip: ip,
    });
    expect(typeof line.duration_ms).toBe("number");
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(JSON.stringify(line)).not.toContain(adminToken);
  }, 30_000);
});

describe(`no secret in any output (${provider})`, () => {
  it("a failing backup: tokens and a QR MAC in its folder's path reach no log, row, notification or API answer", async () => {
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "a file where the backup folder should be");
    const out = path.join(blocker, `Bearer ${secret.bearer}`, secret.refresh, qrPayload, `reset-password?token=${secret.reset}`);
    const result = await cli("db-backup.ts", ["--out", out], database.url);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/not a directory/);
    expect(result.output).toContain("[redacted]"); // the secrets were in the message, and were removed
    expectNoSecret(result.output, "the CLI's output and log lines");

    const failed = await db.backupRun.findFirst({ where: { ok: false }, orderBy: { startedAt: "desc" } });
    expect(failed?.error).toMatch(/not a directory.*\[redacted\]/);
    expect(await db.notification.count({ where: { type: "backup_failed" } })).toBeGreaterThanOrEqual(1);
    expectNoSecret(await everythingStored(), "the database");

    const metrics = await request("GET", new URL("/api/admin/metrics", server.url).toString(), { token: adminToken });
    expect(metrics.status).toBe(200);
    expect(metrics.body.backup.last).toMatchObject({ ok: false, error: expect.stringContaining("[redacted]") });
    const notifications = await request("GET", new URL("/api/notifications", server.url).toString(), { token: adminToken });
    expect(notifications.status).toBe(200);
    expect(notifications.text).toContain("A database backup failed");
    expectNoSecret(metrics.text + notifications.text, "the API");
  }, 90_000);

  if (provider === "postgresql") {
    it("pg_dump refused a table: the role's URL password reaches no command line, log, row, notification or API answer", async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query(`CREATE ROLE "${restricted}" LOGIN PASSWORD '${secret.urlPassword}'`);
        await admin.query(`GRANT USAGE ON SCHEMA public TO "${restricted}"`);
        await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${restricted}"`);
        await admin.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${restricted}"`);
        await admin.query("CREATE TABLE public.not_for_the_app (x int)"); // the role may not read it: pg_dump fails
      } finally {
        await admin.end();
      }
      const url = new URL(database.url);
      url.username = restricted;
      url.password = secret.urlPassword;
      const result = await cli("db-backup.ts", ["--out", path.join(dir, "backups")], url.toString());
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/permission denied for table not_for_the_app/);
      expectNoSecret(result.output, "the CLI's output and log lines");
      const failed = await db.backupRun.findFirst({ where: { ok: false }, orderBy: { startedAt: "desc" } });
      expect(failed?.error).toMatch(/pg_dump.*permission denied/s);
      expect(failed?.error).toContain(`--dbname=postgresql://${restricted}@`); // the command line, with no password in it
      expectNoSecret(await everythingStored(), "the database");
      const metrics = await request("GET", new URL("/api/admin/metrics", server.url).toString(), { token: adminToken });
      expectNoSecret(metrics.text, "/api/admin/metrics");
      expect(fs.readdirSync(path.join(dir, "backups"))).toEqual([]); // no half-written file left
    }, 90_000);
  }

  it("a 500: the request's secrets in the failing statement's message reach no log line, row or API answer", async () => {
    // a trigger that fails the login's audit write, quoting the request's User-Agent in its error
    const trigger =
      provider === "postgresql"
        ? [
            "CREATE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused for %', NEW.user_agent; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION fail_audit()",
          ]
        : // (RAISE's own message would be dropped by the SQLite adapter, which reads any trigger abort as a
          // foreign-key violation; an invalid JSON path fails with the path quoted instead)
          ["CREATE TRIGGER fail_audit BEFORE INSERT ON audit_logs BEGIN SELECT json_extract('{}', 'audit refused for ' || NEW.user_agent); END"];
    for (const sql of trigger) await db.$executeRawUnsafe(sql);
    const before = server.output().length;
    try {
      const userAgent = `agent postgresql://rollcall:${secret.urlPassword}@db.internal/rollcall Bearer ${secret.bearer} refresh ${secret.refresh} ${qrPayload} verify?token=${secret.reset}`;
      const res = await request("POST", new URL("/api/auth/login", server.url).toString(), {
        ip: uniqueIp(),
        headers: { "user-agent": userAgent },
        json: { email: `nobody.${randomBytes(4).toString("hex")}@example.edu`, password: "Wrong-Password-1!" },
      });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe("internal_error");
      expectNoSecret(res.text, "the 500's body");
      // the server's log line for it (written when the response is done)
      const deadline = Date.now() + 10_000;
      while (!server.output().slice(before).includes("audit refused") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const log = server.output().slice(before);
      expect(log).toMatch(/"msg":"unhandled error"/);
      expect(log).toMatch(/audit refused for agent .*\[redacted\]/);
      expectNoSecret(log, "the server's log");
    } finally {
      await db.$executeRawUnsafe(provider === "postgresql" ? "DROP TRIGGER fail_audit ON audit_logs" : "DROP TRIGGER fail_audit");
      if (provider === "postgresql") await db.$executeRawUnsafe("DROP FUNCTION fail_audit()");
    }
    expectNoSecret(await everythingStored(), "the database");
  }, 60_000);
});
