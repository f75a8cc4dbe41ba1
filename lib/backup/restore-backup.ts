// Restore a verified backup into DATABASE_URL. Stop the app first: a restore replaces the data.
import fs from "node:fs";
import { AppError } from "../errors";
import { providerOf } from "../db";
import { providerOfBackup } from "./backup-files";
import { pgRestore } from "./pg-tools";
import { sqliteFileOf } from "./take-backup";
import { verifyBackup } from "./verify-backup";

export async function restoreBackup(databaseUrl: string, file: string) {
  const provider = providerOf(databaseUrl);
  if (providerOfBackup(file) !== provider) {
    throw new AppError("backup_failed", `${file} is a ${providerOfBackup(file)} backup but DATABASE_URL is ${provider}.`);
  }
  const check = await verifyBackup(file, databaseUrl);
  if (!check.ok) throw new AppError("backup_failed", `Refusing to restore: ${check.problems.join("; ")}`);
  if (provider === "postgresql") {
    await pgRestore(databaseUrl, file, { clean: true });
  } else {
    const target = sqliteFileOf(databaseUrl);
    const staging = `${target}.restoring`;
    fs.copyFileSync(file, staging);
    // The old WAL/SHM belong to the old file; leaving them would replay old pages over the copy.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(staging, target);
  }
  return check;
}
