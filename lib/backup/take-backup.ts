// An online, consistent copy of the database: SQLite through VACUUM INTO (a single read
// snapshot while the app keeps writing), PostgreSQL through pg_dump (one MVCC snapshot).
// Backups hold password hashes: 0600 files in a 0700 folder, written under a `.partial` name
// and renamed only when complete.
import fs from "node:fs";
import path from "node:path";
import { providerOf } from "../db";
import { sqliteFileOf } from "../db-url";
import { ensurePrivateDir, ensurePrivateFile } from "../security/private-files";
import { backupFileName } from "./backup-files";
import { pgDump } from "./pg-tools";
import { sqliteSnapshot } from "./sqlite-tools";

export interface BackupResult {
  file: string;
  sizeBytes: number;
}

/** Where the backup of a run started at `startedAt` is written until it is complete. */
export function partialFileOf(databaseUrl: string, outDir: string, startedAt: Date, installationId: string): string {
  return `${path.resolve(outDir, backupFileName(providerOf(databaseUrl), startedAt, installationId))}.partial`;
}

export async function takeBackup(databaseUrl: string, outDir: string, now: Date, installationId: string): Promise<BackupResult> {
  const provider = providerOf(databaseUrl);
  ensurePrivateDir(outDir, { tighten: true });
  const file = path.resolve(outDir, backupFileName(provider, now, installationId));
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    // Created empty and private first: pg_dump and VACUUM INTO write into it without changing its mode.
    ensurePrivateFile(partial);
    if (provider === "postgresql") await pgDump(databaseUrl, partial);
    else await sqliteSnapshot(sqliteFileOf(databaseUrl), partial);
    // Rename last: a file with the final name is always a complete backup.
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file, sizeBytes: fs.statSync(file).size };
}
