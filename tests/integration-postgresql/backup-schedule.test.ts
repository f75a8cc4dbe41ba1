// Scheduled backups with two instances on one PostgreSQL database and the SAME settings
// (BACKUP_DIR on both, docs/deployment.md#backups): one backup per interval, taken by whichever
// instance wins the database's lock; the dashboard's backup status is the same from both; when
// an instance dies, mid-run or between runs, the other one takes the next backup.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupFileName } from "@/lib/backup/backup-files";
import { createDb, type Db } from "@/lib/db";
import { request, uniqueIp } from "../support/api";
import { TEST_PASSWORD } from "../support/factories";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let db: Db;
let dir: string;
let a: TestServer;
let b: TestServer;
let admin: string;

/** Poll the database until `check` holds (each instance checks for due backups every second). */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const runs = () => db.backupRun.findMany({ orderBy: { startedAt: "asc" } });
/** A few check intervals of both instances: long enough for a second backup to start if the lock failed. */
const severalChecks = () => new Promise((r) => setTimeout(r, 4_000));

async function metricsFrom(server: TestServer) {
  const res = await request("GET", new URL("/api/admin/metrics", server.url).toString(), { token: admin });
  expect(res.status, res.text).toBe(200);
  return res.body.backup as { configured: boolean; interval_hours: number; last: { started_at: string; ok: boolean } | null; status: string };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-schedule-"));
  database = await createTestDatabase("postgresql", "schedule");
  db = await createDb(database.url);
  const env = { ...inject("serverEnv"), DATABASE_URL: database.url, BACKUP_DIR: path.join(dir, "backups"), BACKUP_INTERVAL_HOURS: "1", BACKUP_CHECK_SECONDS: "1", PORT: "" };
  a = await startServer(database.url, env);
  b = await startServer(database.url, env);
  const email = `admin.${randomBytes(4).toString("hex")}@example.edu`;
  await db.user.create({ data: { email, fullName: "Schedule Admin", passwordHash: await bcrypt.hash(TEST_PASSWORD, 4), role: "admin", status: "active" } });
  const login = await request("POST", new URL("/api/auth/login", a.url).toString(), { ip: uniqueIp(), json: { email, password: TEST_PASSWORD } });
  admin = login.body.access_token as string;
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.$disconnect();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("scheduled backups across two instances (postgresql)", () => {
  it("same settings on both: one backup per interval, and the same dashboard status from each", async () => {
    await until(runs, (r) => r.some((x) => x.ok), "the first scheduled backup");
    await severalChecks();
    const taken = await runs();
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ ok: true, error: null });
    expect(fs.readdirSync(path.join(dir, "backups")).filter((f) => f.endsWith(".dump"))).toHaveLength(1);
    const [fromA, fromB] = [await metricsFrom(a), await metricsFrom(b)];
    expect(fromA).toEqual(fromB);
    expect(fromA).toMatchObject({ configured: true, interval_hours: 1, status: "green", last: { ok: true } });
  }, 90_000);

  it("a run left unfinished by an instance that died is closed as abandoned, its .partial file removed, and taken again at once", async () => {
    const started = new Date(Date.now() + 1000); // the newest run
    // what the dead instance left: the run, and the file it was writing
    const partial = path.join(dir, "backups", `${backupFileName("postgresql", started, (await db.installation.findFirstOrThrow()).id)}.partial`);
    fs.writeFileSync(partial, "half a dump");
    await db.backupRun.create({ data: { startedAt: started, instanceId: "an-instance-that-died" } });
    const after = await until(runs, (r) => r.filter((x) => x.ok).length === 2, "a new backup after the abandoned run");
    expect(after.find((x) => x.instanceId === "an-instance-that-died")).toMatchObject({ ok: false, error: expect.stringContaining("abandoned") });
    expect(fs.existsSync(partial)).toBe(false);
    await severalChecks();
    expect(await runs()).toHaveLength(3);
  }, 90_000);

  it("when the instance that took the backups dies, the other takes the next one, once", async () => {
    const instances = await db.serverInstance.findMany({ orderBy: { startedAt: "asc" } });
    expect(instances).toHaveLength(2);
    const last = (await runs()).filter((r) => r.ok).at(-1)!;
    const leader = last.instanceId === instances[0]!.id ? a : b;
    const survivor = leader === a ? b : a;
    process.kill(leader.pid, "SIGKILL"); // no goodbye: its heartbeat just stops
    await leader.exited;
    // an interval later (moved back in the database rather than waited for)
    await db.$executeRawUnsafe("UPDATE backup_runs SET started_at = started_at - interval '2 hours'");
    const after = await until(runs, (r) => r.length === 4 && r.at(-1)!.ok, "the survivor's backup");
    const survivorId = instances.find((i) => i.id !== last.instanceId)!.id;
    expect(after.at(-1)!.instanceId).toBe(survivorId);
    await severalChecks();
    expect(await runs()).toHaveLength(4);
    expect((await metricsFrom(survivor)).last).toMatchObject({ ok: true });
  }, 90_000);
});
