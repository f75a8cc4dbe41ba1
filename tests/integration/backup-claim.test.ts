// The scheduled-backup claim is a check-then-act (is a backup due? then record one as started):
// 30 instances asking at once get exactly one run (docs/deployment.md#backups). On a database of
// its own, so no other test's backup history is involved.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { claimScheduledBackup } from "@/lib/backup/claim-scheduled-backup";
import { createDb, type Db } from "@/lib/db";
import { testCtx } from "../support/db";
import { createTestDatabase, type TestDatabase } from "../support/test-server";

const provider = inject("provider");
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase(provider, "claim");
  db = await createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe(`scheduled backup claim (${provider})`, () => {
  it("30 parallel claims make exactly one run; none while it runs on a live instance; one again an interval later", async () => {
    const instanceId = randomUUID();
    const ctx = await testCtx({ db, config: { ...(await testCtx()).config, DATABASE_URL: database.url, BACKUP_INTERVAL_HOURS: 1 } });
    await db.serverInstance.create({ data: { id: instanceId, startedAt: new Date(), seenAt: new Date(), qrKeyIds: "x" } });
    const claims = await Promise.all(Array.from({ length: 30 }, () => claimScheduledBackup(ctx, instanceId)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db.backupRun.count()).toBe(1);

    // still running on a live instance: nobody else starts one
    expect((await Promise.all(Array.from({ length: 30 }, () => claimScheduledBackup(ctx, randomUUID())))).filter(Boolean)).toHaveLength(0);

    // finished, and an interval has passed: again exactly one
    await db.backupRun.updateMany({ data: { finishedAt: new Date(), ok: true, startedAt: new Date(Date.now() - 3_600_000) } });
    const again = await Promise.all(Array.from({ length: 30 }, () => claimScheduledBackup(ctx, instanceId)));
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(await db.backupRun.count()).toBe(2);
  }, 60_000);
});
