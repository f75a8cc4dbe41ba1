// Which instance takes the scheduled backup, decided in the database so that every instance may
// have the same settings (BACKUP_DIR on all of them) and a backup still runs once per interval:
// the claim is a backup_runs row written under a lock. PostgreSQL: a transaction-scoped advisory
// lock (an instance that does not get it skips this check); SQLite runs one instance and writes
// one transaction at a time. A run left unfinished by an instance that has stopped (no heartbeat,
// lib/server/instances.ts) is closed as abandoned, its half-written `.partial` file is removed,
// and the backup is taken again at once.
import fs from "node:fs";
import type { Ctx } from "../context";
import { providerOf } from "../db";
import { errorFields, log } from "../log";
import { INSTANCE_LIVE_MS } from "../server/instances";
import { transact } from "../transact";
import { partialFileOf } from "./take-backup";

/** pg_try_advisory_xact_lock key for the backup schedule (any constant unique to this use). */
const BACKUP_LOCK_KEY = 727_001;
/** A run with no instance (`npm run db:backup`) counts as running for this long. */
const CLI_RUN_MS = 3_600_000;

/** Pure: is a backup due, given the last run's start? */
export function backupDue(lastStartedAt: Date | null, now: Date, intervalHours: number): boolean {
  return !lastStartedAt || now.getTime() - lastStartedAt.getTime() >= intervalHours * 3_600_000;
}

/** The run this instance should take now, already recorded as started, or null. */
export async function claimScheduledBackup(ctx: Ctx, instanceId: string): Promise<{ id: string; startedAt: Date } | null> {
  const now = ctx.clock.now();
  const postgres = providerOf(ctx.config.DATABASE_URL) === "postgresql";
  let abandoned: Date | null = null;
  const claimed = await transact(ctx, async (tx) => {
    abandoned = null;
    if (postgres) {
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${BACKUP_LOCK_KEY}) AS locked`);
      if (!lock?.locked) return null; // another instance is deciding right now
    }
    const last = await tx.backupRun.findFirst({ orderBy: { startedAt: "desc" }, select: { id: true, startedAt: true, finishedAt: true, instanceId: true } });
    if (last && last.finishedAt === null) {
      const running = last.instanceId
        ? (await tx.serverInstance.count({ where: { id: last.instanceId, seenAt: { gt: new Date(now.getTime() - INSTANCE_LIVE_MS) } } })) > 0
        : now.getTime() - last.startedAt.getTime() < CLI_RUN_MS;
      if (running) return null;
      await tx.backupRun.update({
        where: { id: last.id },
        data: { ok: false, finishedAt: now, error: "abandoned: the instance taking it stopped before it finished" },
      });
      abandoned = last.startedAt;
    } else if (!backupDue(last?.startedAt ?? null, now, ctx.config.BACKUP_INTERVAL_HOURS)) {
      return null;
    }
    return tx.backupRun.create({ data: { startedAt: now, instanceId }, select: { id: true, startedAt: true } });
  });
  if (abandoned) await removeAbandonedPartial(ctx, abandoned);
  return claimed;
}

/** The `.partial` file the abandoned run was writing, in BACKUP_DIR (the doc: a failed backup leaves no file). */
async function removeAbandonedPartial(ctx: Ctx, startedAt: Date): Promise<void> {
  const dir = ctx.config.BACKUP_DIR;
  if (!dir) return;
  try {
    const installation = await ctx.db.installation.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
    if (!installation) return;
    const partial = partialFileOf(ctx.config.DATABASE_URL, dir, startedAt, installation.id);
    if (!fs.existsSync(partial)) return;
    fs.rmSync(partial, { force: true });
    log("warn", "removed the partial file of an abandoned backup", { file: partial });
  } catch (error) {
    log("error", "abandoned backup's partial file", errorFields(error));
  }
}
