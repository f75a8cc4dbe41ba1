// This database's identity (the `installation` row its migration wrote): backups are named after
// it, a BACKUP_DIR belongs to one installation, and a restore into another database gives the copy
// an identity of its own (docs/deployment.md#backups).
import type { DbOrTx } from "../db";
import { AppError } from "../errors";
import type { Random } from "../random";

export interface Installation {
  id: string;
  createdAt: Date;
  restoredFrom: string | null;
  restoredAt: Date | null;
}

/** The installation row; a database without one has not been migrated (`npm run db:migrate`). */
export async function installationOf(db: DbOrTx): Promise<Installation> {
  const row = await db.installation.findFirst({ orderBy: { createdAt: "asc" } });
  if (!row) throw new AppError("backup_failed", "This database has no installation id yet: run `npm run db:migrate`.");
  return row;
}

/** A fresh id in the migrations' format: 16 lower-case hex characters. */
export function newInstallationId(random: Random): string {
  return random.bytes(8).toString("hex");
}

/** How an installation describes itself in a message (its id, and where a restored copy came from). */
export function describeInstallation(i: Installation): string {
  return i.restoredFrom ? `${i.id} (restored ${i.restoredAt?.toISOString().slice(0, 10) ?? ""} from a backup of ${i.restoredFrom})` : i.id;
}
