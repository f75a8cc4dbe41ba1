// Backups without a person: with BACKUP_DIR set, the server process takes one every
// BACKUP_INTERVAL_HOURS. Started from server.ts (the long-lived process), not from the Next
// bundle, so builds and route workers never start timers. With several instances on one
// PostgreSQL, the instance that sees a recent run (started within the interval) skips.
import type { Ctx } from "../context";
import { errorFields, log } from "../log";
import { runBackup } from "./run-backup";

const CHECK_EVERY_MS = 5 * 60_000;

/** Pure: is a backup due, given the last run's start? */
export function backupDue(lastStartedAt: Date | null, now: Date, intervalHours: number): boolean {
  return !lastStartedAt || now.getTime() - lastStartedAt.getTime() >= intervalHours * 3_600_000;
}

export function startBackupScheduler(makeCtx: () => Promise<Ctx>): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ctx = await makeCtx();
      const dir = ctx.config.BACKUP_DIR;
      if (!dir) return;
      const last = await ctx.db.backupRun.findFirst({ orderBy: { startedAt: "desc" }, select: { startedAt: true } });
      if (!backupDue(last?.startedAt ?? null, ctx.clock.now(), ctx.config.BACKUP_INTERVAL_HOURS)) return;
      await runBackup(ctx, dir, { keep: ctx.config.BACKUP_KEEP });
    } catch (error) {
      log("error", "backup scheduler", errorFields(error));
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 1_000); // soon after start: a server down over the due time catches up
  const timer = setInterval(tick, CHECK_EVERY_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
