// A migrated test database is a copy of a template, not a fresh `prisma migrate deploy`: the CLI
// costs ~3.5 s of CPU per run and the suites make ~80 databases per `npm run test:all` on a 2-core
// machine. Each provider's migrations are applied once, with the same CLI and adapter as
// production (`db:migrate`), to a template named by a hash of the schema and migrations; a test
// database is then `CREATE DATABASE … TEMPLATE` (PostgreSQL) or a file copy (SQLite), given an
// installation id of its own (the one thing a migration writes at random: backups and restores
// tell databases apart by it). A changed migration changes the hash, so a stale template is never
// used. Tests about migrating itself (db-migrate, verified-migration) still run the CLI on an
// empty database.
import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

type Provider = "sqlite" | "postgresql";

export function migrateWithCli(root: string, databaseUrl: string): void {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

/** sha256 over the provider's schema and every migration file, by relative path */
export function migrationsHash(root: string, provider: Provider): string {
  const base = path.join(root, "prisma", provider);
  const files = [path.join(base, "schema.prisma"), ...walk(path.join(base, "migrations"))].sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(path.relative(base, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Copy the migrated SQLite template to `file` (made once, then reused; atomic under parallel workers). */
export function copySqliteTemplate(root: string, file: string): void {
  const dir = path.join(root, ".tmp", "templates");
  const template = path.join(dir, `sqlite-${migrationsHash(root, "sqlite")}.db`);
  if (!fs.existsSync(template)) {
    const building = path.join(dir, `building-${randomBytes(6).toString("hex")}`);
    fs.mkdirSync(building, { recursive: true, mode: 0o700 });
    const built = path.join(building, "rollcall.db");
    try {
      migrateWithCli(root, `file:${built}`);
      for (const sidecar of ["-wal", "-shm", "-journal"]) {
        if (fs.existsSync(built + sidecar) && fs.statSync(built + sidecar).size > 0) throw new Error(`the migrated template left a non-empty ${sidecar} file`);
      }
      fs.renameSync(built, template); // atomic: a worker that built the same template at once replaces an identical file
    } finally {
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  fs.copyFileSync(template, file);
  fs.chmodSync(file, 0o600);
  const copy = new Database(file);
  try {
    // as the migration writes it (prisma/sqlite/migrations/*_ops_installation)
    copy.prepare("UPDATE installation SET id = lower(hex(randomblob(8))), created_at = CURRENT_TIMESTAMP").run();
  } finally {
    copy.close();
  }
}

/** The PostgreSQL server's URL `adminUrl` with database `name` in place of its own. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Create PostgreSQL database `name` as a copy of the migrated template (made once per hash). */
export async function createPostgresFromTemplate(root: string, adminUrl: string, name: string): Promise<void> {
  const template = `rollcall_template_${migrationsHash(root, "postgresql")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = async () => (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount === 1;
    if (!(await exists())) {
      const building = `rollcall_template_building_${randomBytes(6).toString("hex")}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      try {
        migrateWithCli(root, databaseUrl(adminUrl, building));
        // atomic: of workers that built it at once, the first rename wins and the others drop theirs
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (error: { code?: string }) => {
          if (error.code !== "42P04") throw error; // duplicate_database
        });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      }
    }
    // templates of older migrations are dropped when unused (one in use as a source stays)
    const stale = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'rollcall\\_template\\_%' AND datname <> $1 AND datname NOT LIKE 'rollcall\\_template\\_building\\_%'", [template]);
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    await copyFrom(admin, template, name);
  } finally {
    await admin.end();
  }
  const copy = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
  await copy.connect();
  try {
    // as the migration writes it (prisma/postgresql/migrations/*_ops_installation)
    await copy.query("UPDATE installation SET id = substr(replace(gen_random_uuid()::text, '-', ''), 1, 16), created_at = CURRENT_TIMESTAMP");
  } finally {
    await copy.end();
  }
}

// CREATE DATABASE … TEMPLATE refuses while another session is connected to the template; only a
// worker's rename or drop of it does, briefly: try again for a few seconds.
async function copyFrom(admin: pg.Client, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error; // object_in_use
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
