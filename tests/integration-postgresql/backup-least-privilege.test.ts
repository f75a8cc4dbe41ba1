// Backups on PostgreSQL with the split roles docs/deployment.md tells admins to create
// (deploy/postgresql/create-database.sql): the owner migrates and restores, the runtime role
// (rows only, no CREATEDB, no CREATE anywhere but its rollcall_scratch schema) takes db:backup and
// db:verify; a restore into a second database works; nothing is left behind; and a table a later
// migration adds is the runtime role's to use without a grant by hand.
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
const owner = `${role}_owner`;
let password = "";
let ownerPassword = "";
const databases = { main: `rollcall_lp_main_${suffix}`, copy: `rollcall_lp_copy_${suffix}` };
const secrets = testSecrets();
let dir: string;
let db: Db;

function urlFor(database: string, as: "runtime" | "owner" = "runtime"): string {
  const url = new URL(PG_ADMIN_URL);
  url.username = as === "owner" ? owner : role;
  url.password = as === "owner" ? ownerPassword : password;
  url.pathname = `/${database}`;
  return url.toString();
}

/** The documented SQL, run the documented way (psql -v … -f); the second database reuses the roles. */
async function createRolesAndDatabase(database: string, createRoles: boolean) {
  const existing = createRoles ? [] : ["-v", "existing_roles=1"]; // the documented way to add a database for the roles
  const { stdout } = await run("psql", ["--no-psqlrc", "-q", "-v", `app=${role}`, "-v", `database=${database}`, ...existing, `--dbname=${PG_ADMIN_URL}`, "-f", path.join(ROOT, "deploy/postgresql/create-database.sql")]);
  if (createRoles) {
    password = /runtime role \S+ password ([0-9a-f]{64})/.exec(stdout)![1]!;
    ownerPassword = /owner role \S+ password ([0-9a-f]{64})/.exec(stdout)![1]!;
  }
}

function cli(script: string, args: string[], databaseUrl: string, migrationUrl?: string) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join("scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, ...(migrationUrl ? { MIGRATION_DATABASE_URL: migrationUrl } : {}), APP_ENV: "test", LOG_LEVEL: "warn" },
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
  await createRolesAndDatabase(databases.main, true);
  await createRolesAndDatabase(databases.copy, false);
  migrate(urlFor(databases.main, "owner")); // db:migrate connects as the owner (MIGRATION_DATABASE_URL)
  db = await createDb(urlFor(databases.main)); // the app, as the runtime role
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await admin(async (c) => {
    for (const name of Object.values(databases)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS "${role}"`);
    await c.query(`DROP ROLE IF EXISTS "${owner}"`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backups with split least-privilege PostgreSQL roles", () => {
  it("neither role can create databases or roles; the runtime role cannot DROP, TRUNCATE or create", async () => {
    const r = await admin((c) => c.query<{ rolcreatedb: boolean; rolcreaterole: boolean; rolsuper: boolean }>("SELECT rolcreatedb, rolcreaterole, rolsuper FROM pg_roles WHERE rolname = ANY($1)", [[role, owner]]));
    expect(r.rows).toEqual([0, 1].map(() => ({ rolcreatedb: false, rolcreaterole: false, rolsuper: false })));
    const runtime = new pg.Client({ connectionString: urlFor(databases.main) });
    await runtime.connect();
    try {
      await expect(runtime.query("DROP TABLE users")).rejects.toThrow(/must be owner/);
      await expect(runtime.query("TRUNCATE audit_logs")).rejects.toThrow(/permission denied/);
      await expect(runtime.query("CREATE TABLE public.intruder (x int)")).rejects.toThrow(/permission denied/);
      await expect(runtime.query("CREATE SCHEMA intruder")).rejects.toThrow(/permission denied/);
    } finally {
      await runtime.end();
    }
  });

  it("a table a later migration adds (created by the owner) is the runtime role's to use, with no grant by hand", async () => {
    const ownerClient = new pg.Client({ connectionString: urlFor(databases.main, "owner") });
    await ownerClient.connect();
    try {
      await ownerClient.query("CREATE TABLE later_feature (id serial PRIMARY KEY, note text)");
    } finally {
      await ownerClient.end();
    }
    const inserted = await db.$queryRawUnsafe<{ id: number }[]>("INSERT INTO later_feature (note) VALUES ('x') RETURNING id");
    expect(inserted).toHaveLength(1); // SELECT/INSERT on the table and USAGE on its sequence
    expect(await db.$executeRawUnsafe("DELETE FROM later_feature")).toBe(1);
    await expect(db.$executeRawUnsafe("DROP TABLE later_feature")).rejects.toThrow(/must be owner/);
  });

  it("backs up, verifies and restores into a second database as that role", async () => {
    const user = await db.user.create({ data: { email: `lp.${suffix}@example.edu`, fullName: "Least Privilege", passwordHash: "x" } });
    const out = JSON.parse((await cli("db-backup.ts", ["--out", path.join(dir, "backups")], urlFor(databases.main))).stdout) as { file: string; verified: boolean; counts: Record<string, number> };
    expect(out).toMatchObject({ verified: true, counts: { users: 1, backup_runs: 1 } });
    expect(modeOf(out.file)).toBe(0o600);
    expect(modeOf(path.dirname(out.file))).toBe(0o700);

    const verified = JSON.parse((await cli("db-verify.ts", [out.file], urlFor(databases.main))).stdout) as { ok: boolean; counts: Record<string, number> };
    expect(verified).toMatchObject({ ok: true, counts: { users: 1 } });

    await cli("db-restore.ts", [out.file], urlFor(databases.copy), urlFor(databases.copy, "owner")); // a restore drops and recreates: the owner
    const copy = await createDb(urlFor(databases.copy));
    try {
      expect(await copy.user.findUnique({ where: { id: user.id }, select: { fullName: true } })).toEqual({ fullName: "Least Privilege" });
      expect(await copy.backupRun.findMany({ select: { ok: true, file: true } })).toEqual([{ ok: true, file: out.file }]);
    } finally {
      await copy.$disconnect();
    }
    // verification left nothing behind: no other scratch schema, and the runtime role's own is empty
    for (const name of Object.values(databases)) {
      const schemas = await run("psql", ["--no-psqlrc", "-tA", "-c", "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rollcall_verify%'", `--dbname=${PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)}`]);
      expect(schemas.stdout.trim()).toBe("");
      const leftovers = await run("psql", ["--no-psqlrc", "-tA", "-c", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'rollcall_scratch'", `--dbname=${PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)}`]);
      expect(leftovers.stdout.trim()).toBe("0");
    }
  }, 120_000);
});
