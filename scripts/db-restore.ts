// npm run db:restore -- FILE   Restores into DATABASE_URL. Stop the app first.
import { recordRestore, restoreBackup } from "../lib/backup/restore-backup";
import { getConfig } from "../lib/config";
import { scriptContext } from "../lib/context";
import { runCli } from "./cli";

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run db:restore -- FILE");
  const check = await restoreBackup(getConfig().DATABASE_URL, file);
  // Open the database only after the restore, so the history fix and the audit entry land in the restored copy.
  const ctx = await scriptContext();
  await recordRestore(ctx, file, check);
  console.log(JSON.stringify({ restored: file, counts: check.counts }, null, 2));
});
