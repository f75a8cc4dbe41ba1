// Backup file names and retention. Pure, apart from the directory listing helpers.
import fs from "node:fs";
import path from "node:path";
import type { DbProvider } from "../db";

const PATTERN = /^rollcall-(sqlite|postgresql)-(\d{8}T\d{6}(?:\d{3})?Z)\.(db|dump)$/;

/** rollcall-<provider>-<UTC timestamp>.<db|dump>: sorts by time as text. */
export function backupFileName(provider: DbProvider, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(".", "");
  return `rollcall-${provider}-${stamp}.${provider === "sqlite" ? "db" : "dump"}`;
}

/** The run start a backup file is named after (its run's started_at), or null for other names. */
export function backupTimeOf(name: string): Date | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  const s = m[2]!;
  const ms = s.length === 19 ? s.slice(15, 18) : "000";
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${ms}Z`);
}

export function isBackupFile(name: string): boolean {
  return PATTERN.test(name);
}

/** The backup files to delete so that only the newest `keep` remain. */
export function filesToPrune(names: string[], keep: number): string[] {
  return names.filter(isBackupFile).sort().reverse().slice(keep);
}

export function pruneBackups(dir: string, keep: number): string[] {
  const doomed = filesToPrune(fs.readdirSync(dir), keep);
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

export function providerOfBackup(file: string): DbProvider {
  return /\.dump$/.test(file) ? "postgresql" : "sqlite";
}
