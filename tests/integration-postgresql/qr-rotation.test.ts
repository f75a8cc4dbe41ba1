// Rotating the QR signing secret with two instances on one PostgreSQL database, both procedures
// of docs/deployment.md#rotating-the-qr-signing-secret, on a database of their own (a compromise
// revokes every live code):
// - routine: restart the instances one at a time with QR_SIGNING_SECRET=new and
//   QR_SIGNING_SECRET_PREVIOUS=old; every code issued at either instance is accepted at the other
//   at every step, and the new key is used once both know it;
// - compromise: `npm run secrets:rotate-qr -- --compromise`; without any restart, both instances
//   refuse the codes signed before, refuse to issue with the revoked key, and a code re-signed
//   with the old secret is refused even at an instance that still has it.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { encodeQrToken, parseQrToken, qrKeyId } from "@/lib/qr/token";
import { expectError, request, uniqueIp } from "../support/api";
import { TEST_PASSWORD } from "../support/factories";
import { createTestDatabase, ROOT, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const run = promisify(execFile);
const hex = () => randomBytes(32).toString("hex");
const K1 = hex();
const K2 = hex();
let database: TestDatabase;
let db: Db;
let dir: string;
const servers: TestServer[] = [];
let admin: string;
let eventId: string;

const at = (server: TestServer, method: string, p: string, opts: Parameters<typeof request>[2] = {}) => request(method, new URL(p, server.url).toString(), opts);

/** An instance with the shared server's other settings (so its tokens verify) and these QR secrets. */
async function instance(qr: { current: string; previous?: string }): Promise<TestServer> {
  const env = { ...inject("serverEnv"), DATABASE_URL: database.url, QR_SIGNING_SECRET: qr.current, QR_SIGNING_SECRET_PREVIOUS: qr.previous ?? "", PORT: "" };
  const server = await startServer(database.url, env);
  servers.push(server);
  return server;
}

async function login(server: TestServer, role: "admin" | "student"): Promise<string> {
  const email = `${role}.${randomBytes(4).toString("hex")}@example.edu`;
  await db.user.create({ data: { email, fullName: `Rotation ${role}`, passwordHash: await bcrypt.hash(TEST_PASSWORD, 4), role, status: "active" } });
  const res = await at(server, "POST", "/api/auth/login", { ip: uniqueIp(), json: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.access_token as string;
}

async function issue(server: TestServer): Promise<string> {
  const res = await at(server, "POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: eventId } });
  expect(res.status, res.text).toBe(201);
  return res.body.qr_payload as string;
}

const markAt = async (server: TestServer, payload: string) => at(server, "POST", "/api/attendance/mark", { token: await login(server, "student"), json: { qr_payload: payload } });
const keyOf = (payload: string) => payload.split(".")[1];

/** Issue at each instance, mark at the other: every pair must succeed. */
async function crossCheck(a: TestServer, b: TestServer): Promise<string[]> {
  const codes: string[] = [];
  for (const [issuer, marker] of [
    [a, b],
    [b, a],
  ] as const) {
    const code = await issue(issuer);
    const res = await markAt(marker, code);
    expect(res.status, res.text).toBe(201);
    codes.push(code);
  }
  return codes;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-rotation-"));
  database = await createTestDatabase("postgresql", "rotation");
  db = await createDb(database.url);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.$disconnect();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("QR secret rotation across two instances (postgresql)", () => {
  it("routine: a rolling restart never refuses a valid code; the new key is used once every instance knows it", async () => {
    let a = await instance({ current: K1 });
    let b = await instance({ current: K1 });
    admin = await login(a, "admin");
    const now = Date.now();
    const event = await at(a, "POST", "/api/events", {
      token: admin,
      json: { title: "Rotation lecture", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString(), late_after_minutes: 30 },
    });
    expect(event.status, event.text).toBe(201);
    eventId = event.body.id as string;
    const before = await crossCheck(a, b);
    expect(before.map(keyOf)).toEqual([qrKeyId(K1), qrKeyId(K1)]);
    const old = await issue(a); // still live when the instances restart

    // restart a with the rotated settings; b still knows only K1, so a keeps signing with K1
    await a.stop();
    a = await instance({ current: K2, previous: K1 });
    const mixed = await crossCheck(a, b);
    expect(mixed.map(keyOf)).toEqual([qrKeyId(K1), qrKeyId(K1)]);
    expect((await markAt(a, old)).status).toBe(201);

    // restart b too: both know K2, which is now used, and K1 codes stay valid for their lifetime.
    // (A K1 code issued just before this restart: codes live 60 s, and on a loaded machine the two
    // restarts since `old` was issued may take longer than that.)
    const oldAtB = await issue(b);
    expect(keyOf(oldAtB)).toBe(qrKeyId(K1));
    await b.stop();
    b = await instance({ current: K2, previous: K1 });
    const after = await crossCheck(a, b);
    expect(after.map(keyOf)).toEqual([qrKeyId(K2), qrKeyId(K2)]);
    expect((await markAt(b, oldAtB)).status).toBe(201);
    expect((await markAt(a, mixed[0]!)).status).toBe(201);
    const key = await db.qrSigningKey.findUnique({ where: { keyId: qrKeyId(K2) } });
    expect(key?.activatedAt).not.toBeNull();
  }, 180_000);

  it("compromise: both instances refuse old-secret codes at once, before any restart", async () => {
    const [a, b] = servers.slice(-2) as [TestServer, TestServer];
    const live = await issue(a); // signed with K2
    const envFile = path.join(dir, "rollcall.env");
    fs.writeFileSync(envFile, `QR_SIGNING_SECRET=${K2}\nQR_SIGNING_SECRET_PREVIOUS=${K1}\n`, { mode: 0o600 });
    const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/secrets-rotate-qr.ts", "--compromise", "--file", envFile], {
      cwd: ROOT,
      env: { ...process.env, ...inject("serverEnv"), DATABASE_URL: database.url, QR_SIGNING_SECRET: K2, QR_SIGNING_SECRET_PREVIOUS: K1, APP_ENV: "test", LOG_LEVEL: "warn" },
    });
    expect(stdout).toContain("revoked");
    const K3 = /^QR_SIGNING_SECRET=([0-9a-f]{64})$/m.exec(fs.readFileSync(envFile, "utf8"))![1]!;

    // no restart yet: the code signed before is refused by both, and neither issues with K2
    expectError(await markAt(a, live), 410, "qr_revoked");
    expectError(await markAt(b, live), 410, "qr_revoked");
    for (const server of [a, b]) {
      expectError(await at(server, "POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: eventId } }), 503, "qr_key_revoked");
    }

    // a restarts with K3 and issues; b (still K2) refuses the new code and a copy re-signed with K2
    await a.stop();
    const restarted = await instance({ current: K3 });
    const fresh = await issue(restarted);
    expect(keyOf(fresh)).toBe(qrKeyId(K3));
    const claims = parseQrToken(fresh)!.claims;
    const resigned = encodeQrToken(
      { qrSessionId: claims.qrSessionId, eventId: claims.eventId, nonce: Buffer.from(claims.nonce, "base64url"), issuedAt: claims.issuedAt, lifetimeSeconds: 60 },
      K2,
    );
    expectError(await markAt(b, resigned), 410, "qr_revoked");
    expectError(await markAt(restarted, resigned), 400, "qr_invalid_signature");
    expect((await markAt(restarted, fresh)).status).toBe(201);
  }, 180_000);
});
