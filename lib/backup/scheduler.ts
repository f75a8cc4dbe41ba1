// Backups without a person: every instance with BACKUP_DIR set checks every BACKUP_CHECK_SECONDS
// whether a backup is due, and the database decides which one takes it (claim-scheduled-backup.ts),
// so the same settings on every instance give one backup per BACKUP_INTERVAL_HOURS, even when the
// instance that took the last one is gone. Started from server.ts (the long-lived process), not
// from the Next bundle, so builds and route workers never start timers.
import type { Ctx } from "../context";
import { errorFields, log } from "../log";
import { claimScheduledBackup } from "./claim-scheduled-backup";
import { runBackup } from "./run-backup";

export { backupDue } from "./claim-scheduled-backup";

export function startBackupScheduler(makeCtx: () => Promise<Ctx>, instanceId: string, checkEverySeconds: number): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ctx = await makeCtx();
      const dir = ctx.config.BACKUP_DIR;
      if (!dir) return;
      const run = await claimScheduledBackup(ctx, instanceId);
      if (run) await runBackup(ctx, dir, { keep: ctx.config.BACKUP_KEEP, run });
    } catch (error) {
      log("error", "backup scheduler", errorFields(error));
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 1_000); // soon after start: a server down over the due time catches up
  const timer = setInterval(tick, checkEverySeconds * 1000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
