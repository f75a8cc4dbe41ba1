// One backup (scheduled or `npm run db:backup`): check the folder is this installation's, take
// it, verify it, prune this installation's old ones when asked, and record the run in backup_runs
// (the dashboard shows the last one). A failure notifies admins and leaves no file behind: an
// unverified copy is not a backup, and it holds password hashes. The error that is stored, shown
// and logged went through the one redaction step: a failed pg_dump's message names its command.
import fs from "node:fs";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { log, errorFields } from "../log";
import { notifyAdmins } from "../notifications/notify";
import { redactedErrorMessage } from "../security/redact";
import { ensureBackupDirIsOurs } from "./backup-dir";
import { pruneBackups } from "./backup-files";
import { installationOf } from "./installation";
import { takeBackup } from "./take-backup";
import { verifyBackup } from "./verify-backup";

/** `run`: the backup_runs row the scheduler already claimed (otherwise one is written here). */
export async function runBackup(ctx: Ctx, dir: string, opts: { keep?: number; run?: { id: string; startedAt: Date } } = {}) {
  const run = opts.run ?? (await ctx.db.backupRun.create({ data: { startedAt: ctx.clock.now() }, select: { id: true, startedAt: true } }));
  const startedAt = run.startedAt;
  let file: string | undefined;
  try {
    const installation = await installationOf(ctx.db);
    ensureBackupDirIsOurs(dir, installation);
    const result = await takeBackup(ctx.config.DATABASE_URL, dir, startedAt, installation.id);
    file = result.file;
    const check = await verifyBackup(result.file, ctx.config.DATABASE_URL);
    if (!check.ok) throw new Error(`verification failed: ${check.problems.join("; ")}`);
    if (check.installationId && check.installationId !== installation.id) {
      throw new Error(`verification failed: the copy is of installation ${check.installationId}, not ${installation.id} (was the database restored meanwhile?)`);
    }
    const pruned = opts.keep ? pruneBackups(dir, opts.keep, installation.id) : [];
    await ctx.db.$transaction(async (tx) => {
      await tx.backupRun.update({ where: { id: run.id }, data: { ok: true, finishedAt: ctx.clock.now(), file: result.file, sizeBytes: result.sizeBytes } });
      await recordAudit(tx, ctx, {
        action: "backup_taken",
        targetType: "backup",
        targetId: run.id,
        details: { file: result.file, size_bytes: result.sizeBytes, installation_id: installation.id, pruned: pruned.length, counts: check.counts },
      });
    });
    log("info", "backup taken", { file: result.file, size_bytes: result.sizeBytes, installation_id: installation.id, pruned: pruned.length });
    return { ok: true as const, file: result.file, sizeBytes: result.sizeBytes, installationId: installation.id, counts: check.counts };
  } catch (error) {
    const message = redactedErrorMessage(error).slice(0, 1000);
    log("error", "backup failed", errorFields(error));
    if (file) fs.rmSync(file, { force: true });
    await ctx.db.$transaction(async (tx) => {
      await tx.backupRun.update({ where: { id: run.id }, data: { ok: false, finishedAt: ctx.clock.now(), error: message } });
      await notifyAdmins(tx, ctx, { type: "backup_failed", title: "A database backup failed", body: message, link: "/admin/dashboard" });
    });
    return { ok: false as const, error: message };
  }
}
