// Restore a verified backup into DATABASE_URL. Stop the app first: a restore replaces the data.
//
// Identity: a restore back into the database the backup was taken of keeps its installation id.
// A restore into any other database makes a copy, and a copy is another installation: it gets a
// new id (and remembers the one it came from), so an instance started on it refuses the original's
// BACKUP_DIR instead of writing old data there as the newest backup. `--replaces` keeps the
// backup's id for a copy that takes over from a lost original (docs/deployment.md#a-restored-copy).
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { createDb, providerOf } from "../db";
import { sqliteFileOf } from "../db-url";
import { PRIVATE_FILE_MODE } from "../security/private-files";
import { backupTimeOf, providerOfBackup } from "./backup-files";
import { newInstallationId } from "./installation";
import { pgRestore } from "./pg-tools";
import { verifyBackup, type VerifyResult } from "./verify-backup";

/** The installation id a database has now, or null (empty, not migrated, unreachable). */
export async function installationIdAt(databaseUrl: string): Promise<string | null> {
  if (providerOf(databaseUrl) === "sqlite" && !fs.existsSync(sqliteFileOf(databaseUrl))) return null;
  const db = await createDb(databaseUrl).catch(() => null);
  if (!db) return null;
  try {
    return (await db.installation.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? null;
  } catch {
    return null; // no installation table (yet)
  } finally {
    await db.$disconnect();
  }
}

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
export async function recordRestore(ctx: Ctx, file: string, check: VerifyResult, identity: { previousInstallationId: string | null; replaces: boolean }) {
  const now = ctx.clock.now();
  const startedAt = backupTimeOf(path.basename(file));
  const stat = fs.statSync(file);
  // a copy from before installation ids has no table: `npm run db:migrate` gives it an id
  const restoredId = await ctx.db.installation
    .findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } })
    .then((r) => r?.id ?? null)
    .catch(() => null);
  const keep = restoredId !== null && (restoredId === identity.previousInstallationId || identity.replaces);
  const installationId = restoredId === null ? null : keep ? restoredId : newInstallationId(ctx.random);
  return ctx.db.$transaction(async (tx) => {
    if (restoredId && installationId !== restoredId) {
      await tx.installation.update({ where: { id: restoredId }, data: { id: installationId!, restoredFrom: restoredId, restoredAt: now } });
    }
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
    const restoredFrom = installationId !== restoredId ? restoredId : null;
    await recordAudit(tx, ctx, {
      action: "backup_restored",
      targetType: "backup",
      details: { file, counts: check.counts, run_completed: own.count === 1, runs_closed: others.count, installation_id: installationId, restored_from: restoredFrom },
    });
    return { runCompleted: own.count === 1, runsClosed: others.count, installationId, restoredFrom };
  });
}
