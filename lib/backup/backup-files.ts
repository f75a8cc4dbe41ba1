// Backup file names and retention. Pure, apart from the directory listing helpers.
//
// A backup's name carries the installation it belongs to (installation.id, docs/deployment.md#backups):
//   rollcall-<provider>.<installation id>.<UTC timestamp>.<db|dump>
// The dots keep every run of name characters short, so the one redaction step (which masks long
// random-looking runs) leaves the name readable in logs and on the dashboard. Names from before
// installation ids (rollcall-<provider>-<timestamp>.<ext>) are still recognised, belong to no
// known installation, and are never pruned automatically.
import fs from "node:fs";
import path from "node:path";
import type { DbProvider } from "../db";

const NAMED = /^rollcall-(sqlite|postgresql)\.([0-9a-f]{8,32})\.(\d{8}T\d{6}(?:\d{3})?Z)\.(db|dump)$/;
const LEGACY = /^rollcall-(sqlite|postgresql)-(\d{8}T\d{6}(?:\d{3})?Z)\.(db|dump)$/;

/** An installation id as stored in installation.id: lower-case hex (the migrations write 16). */
export const INSTALLATION_ID = /^[0-9a-f]{8,32}$/;

/** rollcall-<provider>.<installation>.<UTC timestamp>.<db|dump>: one installation's files sort by time as text. */
export function backupFileName(provider: DbProvider, at: Date, installationId: string): string {
  if (!INSTALLATION_ID.test(installationId)) throw new Error(`not an installation id: ${installationId}`);
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(".", "");
  return `rollcall-${provider}.${installationId}.${stamp}.${provider === "sqlite" ? "db" : "dump"}`;
}

interface ParsedName {
  provider: DbProvider;
  /** null for a name from before installation ids */
  installationId: string | null;
  stamp: string;
}

function parse(name: string): ParsedName | null {
  const named = NAMED.exec(name);
  if (named) return { provider: named[1] as DbProvider, installationId: named[2]!, stamp: named[3]! };
  const legacy = LEGACY.exec(name);
  if (legacy) return { provider: legacy[1] as DbProvider, installationId: null, stamp: legacy[2]! };
  return null;
}

/** The run start a backup file is named after (its run's started_at), or null for other names. */
export function backupTimeOf(name: string): Date | null {
  const parsed = parse(name);
  if (!parsed) return null;
  const s = parsed.stamp;
  const ms = s.length === 19 ? s.slice(15, 18) : "000";
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${ms}Z`);
}

/** The installation a backup file's name says it belongs to (null: an older name without one, or not a backup). */
export function installationOfBackup(name: string): string | null {
  return parse(name)?.installationId ?? null;
}

export function isBackupFile(name: string): boolean {
  return parse(name) !== null;
}

/** The files of `installationId` to delete so that only its newest `keep` remain; never another's, never foreign files. */
export function filesToPrune(names: string[], keep: number, installationId: string): string[] {
  return names
    .filter((n) => parse(n)?.installationId === installationId)
    .sort((a, b) => parse(a)!.stamp.localeCompare(parse(b)!.stamp))
    .reverse()
    .slice(keep);
}

/** Other installations' backups in `names`, by installation id (what makes a folder not ours). */
export function foreignBackups(names: string[], installationId: string): Map<string, string[]> {
  const foreign = new Map<string, string[]>();
  for (const name of names) {
    const owner = parse(name)?.installationId;
    if (owner && owner !== installationId) foreign.set(owner, [...(foreign.get(owner) ?? []), name]);
  }
  return foreign;
}

export function pruneBackups(dir: string, keep: number, installationId: string): string[] {
  const doomed = filesToPrune(fs.readdirSync(dir), keep, installationId);
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

export function providerOfBackup(file: string): DbProvider {
  return /\.dump$/.test(file) ? "postgresql" : "sqlite";
}
