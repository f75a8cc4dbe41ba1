// A BACKUP_DIR belongs to one installation. An instance started on a restored copy of the
// database (another installation id) with the production settings must not write backups of the
// old copy into production's folder, where they would sort as the newest, nor prune production's
// backups there: it refuses, and says why (docs/deployment.md#a-restored-copy).
import fs from "node:fs";
import { AppError } from "../errors";
import { foreignBackups } from "./backup-files";
import { describeInstallation, type Installation } from "./installation";

/** Throws when `dir` holds another installation's backups; a missing or empty folder is fine. */
export function ensureBackupDirIsOurs(dir: string, installation: Installation): void {
  if (!fs.existsSync(dir)) return;
  const foreign = foreignBackups(fs.readdirSync(dir), installation.id);
  if (foreign.size === 0) return;
  const [owner, files] = [...foreign.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  throw new AppError(
    "backup_failed",
    `Refusing to back up into ${dir}: it holds ${files.length} backup(s) of installation ${owner} (e.g. ${files.sort().at(-1)}), ` +
      `and this database is installation ${describeInstallation(installation)}. Writing there would put this database's backups ` +
      `beside (and newer than) the other installation's, and pruning would delete them. Give this database its own BACKUP_DIR; ` +
      `if it has replaced the database those backups are of, see docs/deployment.md (a restored copy).`,
    { backup_dir: dir, this_installation: installation.id, other_installations: [...foreign.keys()] },
  );
}
