// npm run db:restore -- FILE   Restores into DATABASE_URL. Stop the app first.
import { restoreBackup } from "../lib/backup/restore-backup";
import { recordAudit } from "../lib/audit/record";
import { getConfig } from "../lib/config";
import { scriptContext } from "../lib/context";
import { runCli } from "./cli";

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run db:restore -- FILE");
  const check = await restoreBackup(getConfig().DATABASE_URL, file);
  // Open the database only after the restore, so the audit entry lands in the restored copy.
  const ctx = await scriptContext();
  await recordAudit(ctx.db, ctx, { action: "backup_restored", targetType: "backup", details: { file } });
  console.log(JSON.stringify({ restored: file, counts: check.counts }, null, 2));
});
