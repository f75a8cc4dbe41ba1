// SQLite copies and checks run in a child Node process: better-sqlite3 is synchronous, and a
// large VACUUM INTO or integrity_check must not stall the server's event loop (marking).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

// VACUUM INTO copies one consistent read snapshot (WAL: writers keep going meanwhile)
// into a fresh, compact file. Unlike the page-stepping backup API it never restarts
// when the app writes during the copy.
const SNAPSHOT = `
const Database = require("better-sqlite3");
const [src, dest] = process.argv.slice(1);
const db = new Database(src, { fileMustExist: true });
db.pragma("busy_timeout = 10000");
db.prepare("VACUUM INTO ?").run(dest);
db.close();
`;

const VERIFY = `
const Database = require("better-sqlite3");
const [file] = process.argv.slice(1);
const db = new Database(file, { readonly: true, fileMustExist: true });
const integrity = db.pragma("integrity_check").map((r) => r.integrity_check);
const fk = db.pragma("foreign_key_check");
const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
const counts = {};
for (const t of tables) counts[t] = db.prepare('SELECT COUNT(*) AS n FROM "' + t.replaceAll('"', '""') + '"').get().n;
const installationId = tables.includes("installation") ? (db.prepare("SELECT id FROM installation ORDER BY created_at LIMIT 1").get()?.id ?? null) : null;
db.close();
process.stdout.write(JSON.stringify({ integrity, foreignKeyProblems: fk.length, counts, installationId }));
`;

export async function sqliteSnapshot(src: string, dest: string): Promise<void> {
  await run(process.execPath, ["-e", SNAPSHOT, src, dest], { cwd: process.cwd(), maxBuffer: 1 << 20 });
}

export interface SqliteCheck {
  integrity: string[];
  foreignKeyProblems: number;
  counts: Record<string, number>;
  /** installation.id inside the copy (null: a copy from before installation ids) */
  installationId: string | null;
}

export async function sqliteCheck(file: string): Promise<SqliteCheck> {
  const { stdout } = await run(process.execPath, ["-e", VERIFY, file], { cwd: process.cwd(), maxBuffer: 16 << 20 });
  return JSON.parse(stdout) as SqliteCheck;
}
