// Files that hold password hashes (the SQLite database, its WAL, backups) are readable by the
// app's own user only: 0600 files in 0700 folders. SQLite gives its -wal/-shm/-journal files
// the mode of the database file, so creating that file 0600 covers them too.
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The permission bits of a file or folder (e.g. 0o600). */
export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/**
 * Create `dir` (and missing parents) as 0700. An existing folder is tightened to 0700 only when
 * `tighten` is set: a dedicated folder such as BACKUP_DIR, never a shared one like the app's own.
 */
export function ensurePrivateDir(dir: string, opts: { tighten: boolean }): void {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute)) {
    fs.mkdirSync(absolute, { recursive: true, mode: PRIVATE_DIR_MODE });
    fs.chmodSync(absolute, PRIVATE_DIR_MODE); // mkdir's mode is filtered through the umask
  } else if (opts.tighten && (modeOf(absolute) & 0o077) !== 0) {
    fs.chmodSync(absolute, PRIVATE_DIR_MODE);
  }
}

/** Make sure `file` exists with mode 0600: create it empty if missing, tighten it if others can read it. */
export function ensurePrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((modeOf(file) & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** The SQLite database file of a `file:` URL, with its folder, created private before SQLite opens it. */
export function preparePrivateSqliteFile(file: string): void {
  if (file === ":memory:" || file === "") return;
  ensurePrivateDir(path.dirname(path.resolve(file)), { tighten: false });
  ensurePrivateFile(path.resolve(file));
}
