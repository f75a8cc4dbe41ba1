// Restore a verified backup into DATABASE_URL. Stop the app first: a restore replaces the data.
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { providerOf } from "../db";
import { sqliteFileOf } from "../db-url";
import { PRIVATE_FILE_MODE } from "../security/private-files";
import { backupTimeOf, providerOfBackup } from "./backup-files";
import { pgRestore } from "./pg-tools";
import { verifyBackup, type VerifyResult } from "./verify-backup";

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
    fs.chmodSync(staging, PRIVATE_FILE_MODE);
    // The old WAL/SHM belong to the old file; leaving them would replay old pages over the copy.
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(staging, target);
  }
  return check;
}

/**
 * After a restore, make the restored backup history true. The copy was taken while its own run
 * was in progress, so it holds that run unfinished: it finished, verified (restore checked it
 * again), when the file was complete. Any other unfinished run's outcome is not in this copy.
 */
export async function recordRestore(ctx: Ctx, file: string, check: VerifyResult) {
  const now = ctx.clock.now();
  const startedAt = backupTimeOf(path.basename(file));
  const stat = fs.statSync(file);
  return ctx.db.$transaction(async (tx) => {
    const own = startedAt
      ? await tx.backupRun.updateMany({
          where: { startedAt, finishedAt: null },
          data: { ok: true, finishedAt: stat.mtime, file: path.resolve(file), sizeBytes: stat.size, error: null },
        })
      : { count: 0 };
    const others = await tx.backupRun.updateMany({
      where: { finishedAt: null },
      data: { ok: false, finishedAt: now, error: "unfinished when this copy was taken; its outcome is not in this database" },
    });
    await recordAudit(tx, ctx, { action: "backup_restored", targetType: "backup", details: { file, counts: check.counts, run_completed: own.count === 1, runs_closed: others.count } });
    return { runCompleted: own.count === 1, runsClosed: others.count };
  });
}
