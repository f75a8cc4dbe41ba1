// The running app servers, as the database sees them: each server.ts process writes a heartbeat
// row (server_instances) every few seconds and deletes it when it stops. What instances must agree
// on without talking to each other reads these rows: which QR signing keys every running instance
// knows (lib/qr/signing-keys.ts), whether a backup run's instance is still alive, and the backup
// schedule the dashboard shows (docs/deployment.md).
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { errorFields, log } from "../log";
import { qrKeyId } from "../qr/token";
import { instanceIdentity } from "./identity";

export const HEARTBEAT_MS = 5_000;
/** An instance whose heartbeat is older than this has stopped (or is hung: the same to its peers). */
export const INSTANCE_LIVE_MS = 15_000;

/** The QR key ids this configuration verifies, current first. */
export function knownQrKeyIds(config: Ctx["config"]): string[] {
  const ids = [qrKeyId(config.QR_SIGNING_SECRET)];
  if (config.QR_SIGNING_SECRET_PREVIOUS) ids.push(qrKeyId(config.QR_SIGNING_SECRET_PREVIOUS));
  return ids;
}

/** Instances with a recent heartbeat. */
export function liveInstances(db: DbOrTx, now: Date) {
  return db.serverInstance.findMany({ where: { seenAt: { gt: new Date(now.getTime() - INSTANCE_LIVE_MS) } } });
}

/** Write (or refresh) this instance's heartbeat row. */
export async function heartbeat(ctx: Ctx, instanceId: string, startedAt: Date): Promise<void> {
  const now = ctx.clock.now();
  const data = {
    seenAt: now,
    qrKeyIds: knownQrKeyIds(ctx.config).join(","),
    backupIntervalHours: ctx.config.BACKUP_DIR ? ctx.config.BACKUP_INTERVAL_HOURS : null,
    name: instanceIdentity(ctx.config.PORT).name,
  };
  await ctx.db.serverInstance.upsert({ where: { id: instanceId }, create: { id: instanceId, startedAt, ...data }, update: data });
}

/**
 * Register this instance now (call before listening: a peer deciding which QR key to sign with
 * must already see what this one verifies) and keep its heartbeat fresh until stop().
 */
export async function startHeartbeat(makeCtx: () => Promise<Ctx>, instanceId: string): Promise<{ stop(): Promise<void> }> {
  const startedAt = new Date();
  const beat = () =>
    makeCtx()
      .then((c) => heartbeat(c, instanceId, startedAt))
      .catch((error: unknown) => log("error", "instance heartbeat", errorFields(error))); // e.g. the database is down: /api/health says so
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // gone at once, so peers do not wait for the heartbeat to age out
      await makeCtx()
        .then((c) => c.db.serverInstance.deleteMany({ where: { id: instanceId } }))
        .catch(() => undefined);
    },
  };
}
