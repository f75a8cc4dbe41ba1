// PostgreSQL backups go through the standard client tools (pg_dump, pg_restore, psql; custom
// format). A dump is verified by restoring it into a scratch schema of the app's own database
// inside ONE transaction that is rolled back: the role needs no CREATEDB, nothing is left behind
// even if the process dies, and the live tables are never touched (docs/deployment.md, "Backups").
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import readline from "node:readline";
import { promisify } from "node:util";
import { scriptSchemaRewriter } from "./pg-script-schema";

const run = promisify(execFile);

/** pg's URL without query parameters the client tools do not understand (e.g. schema). */
function toolUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

export async function pgDump(url: string, dest: string): Promise<void> {
  // --format=custom: compressed, and pg_restore can verify and restore it selectively.
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${dest}`, `--dbname=${toolUrl(url)}`], { maxBuffer: 16 << 20 });
}

export async function pgRestore(url: string, file: string, opts: { clean: boolean }): Promise<void> {
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${toolUrl(url)}`];
  if (opts.clean) args.push("--clean", "--if-exists");
  await run("pg_restore", [...args, file], { maxBuffer: 16 << 20 });
}

const COUNT_PREFIX = "rollcall-count|";

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

/** Restore `file` into a scratch schema of `url`'s database, count rows per table, roll it all back. */
export async function pgVerifyDump(url: string, file: string): Promise<Record<string, number>> {
  const schema = `rollcall_verify_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const restore = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const psql = spawn("psql", ["--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--set=ON_ERROR_STOP=1", `--dbname=${toolUrl(url)}`], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const restored = finished(restore, "pg_restore");
  const applied = finished(psql, "psql");
  const counts: Record<string, number> = {};
  readline.createInterface({ input: psql.stdout! }).on("line", (line) => {
    if (!line.startsWith(COUNT_PREFIX)) return;
    const [table, n] = line.slice(COUNT_PREFIX.length).split("|");
    counts[table!] = Number(n);
  });
  psql.stdin!.on("error", () => undefined); // psql stopped early (ON_ERROR_STOP): its exit code tells
  const feed = (async () => {
    const write = (text: string) => (psql.stdin!.write(text) ? Promise.resolve() : new Promise<void>((r) => psql.stdin!.once("drain", r)));
    await write(`BEGIN;\nCREATE SCHEMA "${schema}";\n`);
    const rewrite = scriptSchemaRewriter(schema);
    for await (const line of readline.createInterface({ input: restore.stdout!, crlfDelay: Infinity })) {
      if (psql.exitCode !== null) break;
      await write(`${rewrite(line)}\n`);
    }
    await write(`${countRowsSql(schema)}\nROLLBACK;\n`);
    psql.stdin!.end();
  })();
  try {
    await Promise.all([restored, applied, feed]);
  } catch (error) {
    restore.kill();
    psql.kill();
    throw error;
  }
  return counts;
}
