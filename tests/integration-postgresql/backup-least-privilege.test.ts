// Backups on PostgreSQL with the least-privilege role docs/deployment.md tells admins to create
// (deploy/postgresql/create-database.sql: owns its one database, no CREATEDB): db:backup,
// db:verify and db:restore into a second database all work, and leave no scratch schema behind.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { modeOf } from "@/lib/security/private-files";
import { migrate, PG_ADMIN_URL, ROOT, testSecrets } from "../support/test-server";

const run = promisify(execFile);
const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const role = `rollcall_lp_${suffix}`;
const password = randomBytes(12).toString("hex");
const databases = { main: `rollcall_lp_main_${suffix}`, copy: `rollcall_lp_copy_${suffix}` };
const secrets = testSecrets();
let dir: string;
let db: Db;

function urlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** The documented SQL, run the documented way (psql -v … -f); the second database reuses the role. */
async function createRoleAndDatabase(database: string, createRole: boolean) {
  const sql = fs.readFileSync(path.join(ROOT, "deploy/postgresql/create-database.sql"), "utf8");
  const file = path.join(dir, `create-${database}.sql`);
  fs.writeFileSync(file, sql);
  const existing = createRole ? [] : ["-v", "existing_role=1"]; // the documented way to add a database for the role
  await run("psql", ["--no-psqlrc", "-v", `role=${role}`, "-v", `database=${database}`, "-v", `password=${password}`, ...existing, `--dbname=${PG_ADMIN_URL}`, "-f", file]);
}

function cli(script: string, args: string[], databaseUrl: string) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join("scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, APP_ENV: "test", LOG_LEVEL: "warn" },
    maxBuffer: 8 << 20,
  });
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-lp-"));
  await createRoleAndDatabase(databases.main, true);
  await createRoleAndDatabase(databases.copy, false);
  migrate(urlFor(databases.main)); // as the role itself
  db = await createDb(urlFor(databases.main));
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await admin(async (c) => {
    for (const name of Object.values(databases)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS "${role}"`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backups with a least-privilege PostgreSQL role", () => {
  it("the role can neither create databases nor roles", async () => {
    const r = await admin((c) => c.query<{ rolcreatedb: boolean; rolcreaterole: boolean; rolsuper: boolean }>("SELECT rolcreatedb, rolcreaterole, rolsuper FROM pg_roles WHERE rolname = $1", [role]));
    expect(r.rows[0]).toEqual({ rolcreatedb: false, rolcreaterole: false, rolsuper: false });
  });

  it("backs up, verifies and restores into a second database as that role", async () => {
    const user = await db.user.create({ data: { email: `lp.${suffix}@example.edu`, fullName: "Least Privilege", passwordHash: "x" } });
    const out = JSON.parse((await cli("db-backup.ts", ["--out", path.join(dir, "backups")], urlFor(databases.main))).stdout) as { file: string; verified: boolean; counts: Record<string, number> };
    expect(out).toMatchObject({ verified: true, counts: { users: 1, backup_runs: 1 } });
    expect(modeOf(out.file)).toBe(0o600);
    expect(modeOf(path.dirname(out.file))).toBe(0o700);

    const verified = JSON.parse((await cli("db-verify.ts", [out.file], urlFor(databases.main))).stdout) as { ok: boolean; counts: Record<string, number> };
    expect(verified).toMatchObject({ ok: true, counts: { users: 1 } });

    await cli("db-restore.ts", [out.file], urlFor(databases.copy));
    const copy = await createDb(urlFor(databases.copy));
    try {
      expect(await copy.user.findUnique({ where: { id: user.id }, select: { fullName: true } })).toEqual({ fullName: "Least Privilege" });
      expect(await copy.backupRun.findMany({ select: { ok: true, file: true } })).toEqual([{ ok: true, file: out.file }]);
    } finally {
      await copy.$disconnect();
    }
    // verification left nothing behind: no scratch schema in either database
    for (const name of Object.values(databases)) {
      const schemas = await run("psql", ["--no-psqlrc", "-tA", "-c", "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rollcall_verify%'", `--dbname=${urlFor(name)}`]);
      expect(schemas.stdout.trim()).toBe("");
    }
  }, 120_000);
});
