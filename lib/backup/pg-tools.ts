// PostgreSQL backups go through the standard client tools (pg_dump, pg_restore, psql; custom
// format). A dump is verified by restoring it into a scratch schema of the app's own database
// inside ONE transaction that is rolled back: the role needs no CREATEDB, nothing is left behind
// even if the process dies, and the live tables are never touched (docs/deployment.md, "Backups").
// The password never goes on a command line (`ps` shows those to every local user, and Node puts
// the command into its error message): the tools get it in PGPASSWORD, the URL goes without it.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import { promisify } from "node:util";
import pg from "pg";
import { scriptSchemaRewriter } from "./pg-script-schema";

const run = promisify(execFile);

/**
 * How a client tool connects: the URL without its password and without query parameters the
 * tools do not understand (e.g. schema), and the environment that carries the password.
 */
export function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  u.searchParams.delete("schema");
  const password = decodeURIComponent(u.password);
  u.password = "";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  else delete env.PGPASSWORD;
  return { url: u.toString(), env };
}

export async function pgDump(url: string, dest: string): Promise<void> {
  const conn = toolConnection(url);
  // --format=custom: compressed, and pg_restore can verify and restore it selectively. The
  // verification schemas are the deployment's, not data: a copy restores into a database that has its own.
  const scratch = [`--exclude-schema=${SCRATCH_SCHEMA}`, "--exclude-schema=rollcall_verify_*"];
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", ...scratch, `--file=${dest}`, `--dbname=${conn.url}`], { maxBuffer: 16 << 20, env: conn.env });
}

export async function pgRestore(url: string, file: string, opts: { clean: boolean }): Promise<void> {
  const conn = toolConnection(url);
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${conn.url}`];
  if (opts.clean) args.push("--clean", "--if-exists");
  await run("pg_restore", [...args, file], { maxBuffer: 16 << 20, env: conn.env });
}

const COUNT_PREFIX = "rollcall-count|";
const INSTALLATION_PREFIX = "rollcall-installation|";

/**
 * The schema a verification restores into. With the split roles of
 * deploy/postgresql/create-database.sql the runtime role may not create schemas; it owns
 * `rollcall_scratch` instead, and verifications take turns in it (an advisory lock held by the
 * transaction). A role that owns its database creates a fresh schema each time, as before.
 */
export const SCRATCH_SCHEMA = "rollcall_scratch";
const SCRATCH_LOCK_KEY = 727_002;

async function scratchSchemaFor(url: string): Promise<{ schema: string; create: boolean }> {
  const conn = toolConnection(url);
  const client = new pg.Client({ connectionString: conn.url, password: conn.env.PGPASSWORD });
  await client.connect();
  try {
    const owned = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1 AND has_schema_privilege(oid, 'CREATE')", [SCRATCH_SCHEMA]);
    if (owned.rowCount) return { schema: SCRATCH_SCHEMA, create: false };
  } finally {
    await client.end();
  }
  return { schema: `rollcall_verify_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`, create: true };
}

/** The SQL that prints the copy's installation id (if it has the table) as one `rollcall-installation|<id>` line. */
function installationSql(schema: string): string {
  return `SELECT '${INSTALLATION_PREFIX}' ||
  coalesce((xpath('/row/id/text()', query_to_xml(format('SELECT id FROM %I.installation ORDER BY created_at LIMIT 1', table_schema), false, true, '')))[1]::text, '')
FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name = 'installation';`;
}

/** The SQL that prints one `rollcall-count|<table>|<rows>` line per table of `schema`. */
function countRowsSql(schema: string): string {
  return `SELECT '${COUNT_PREFIX}' || table_name || '|' ||
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE' ORDER BY table_name;`;
}

/** Exit code and the tail of stderr of a child process. */
function finished(child: ReturnType<typeof spawn>, name: string): Promise<void> {
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" ")}`))));
  });
}

/** Restore `file` into a scratch schema of `url`'s database, count rows per table, read its installation id, roll it all back. */
export async function pgVerifyDump(url: string, file: string): Promise<{ counts: Record<string, number>; installationId: string | null }> {
  const { schema, create } = await scratchSchemaFor(url);
  const restore = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const conn = toolConnection(url);
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--set=ON_ERROR_STOP=1", `--dbname=${conn.url}`], {
    stdio: ["pipe", "pipe", "pipe"],
    env: conn.env,
  });
  const restored = finished(restore, "pg_restore");
  const applied = finished(psql, "psql");
  const counts: Record<string, number> = {};
  let installationId: string | null = null;
  readline.createInterface({ input: psql.stdout! }).on("line", (line) => {
    if (line.startsWith(INSTALLATION_PREFIX)) installationId = line.slice(INSTALLATION_PREFIX.length) || null;
    if (!line.startsWith(COUNT_PREFIX)) return;
    const [table, n] = line.slice(COUNT_PREFIX.length).split("|");
    counts[table!] = Number(n);
  });
  psql.stdin!.on("error", () => undefined); // psql stopped early (ON_ERROR_STOP): its exit code tells
  const feed = (async () => {
    const write = (text: string) => (psql.stdin!.write(text) ? Promise.resolve() : new Promise<void>((r) => psql.stdin!.once("drain", r)));
    await write(create ? `BEGIN;\nCREATE SCHEMA "${schema}";\n` : `BEGIN;\nSELECT pg_advisory_xact_lock(${SCRATCH_LOCK_KEY});\n`);
    const rewrite = scriptSchemaRewriter(schema);
    for await (const line of readline.createInterface({ input: restore.stdout!, crlfDelay: Infinity })) {
      if (psql.exitCode !== null) break;
      await write(`${rewrite(line)}\n`);
    }
    await write(`${countRowsSql(schema)}\n${installationSql(schema)}\nROLLBACK;\n`);
    psql.stdin!.end();
  })();
  try {
    await Promise.all([restored, applied, feed]);
  } catch (error) {
    restore.kill();
    psql.kill();
    throw error;
  }
  return { counts, installationId };
}
