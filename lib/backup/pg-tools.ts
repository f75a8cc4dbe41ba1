// PostgreSQL backups go through the standard client tools (pg_dump / pg_restore, custom
// format). A dump is verified by restoring it into a scratch database and counting rows.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";

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

export async function pgCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: toolUrl(url) });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${name.replaceAll('"', '""')}"`);
      counts[name] = Number(r.rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Restore `file` into a new scratch database next to `url`'s, count rows, drop it. */
export async function pgVerifyDump(url: string, file: string): Promise<Record<string, number>> {
  const scratch = `rollcall_verify_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const adminUrl = new URL(toolUrl(url));
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${scratch}"`);
    const target = new URL(adminUrl);
    target.pathname = `/${scratch}`;
    await pgRestore(target.toString(), file, { clean: false });
    return await pgCounts(target.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
