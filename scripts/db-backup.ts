// npm run db:backup [-- --out DIR]   (default: BACKUP_DIR, else ./backups)
import { runBackup } from "../lib/backup/run-backup";
import { scriptContext } from "../lib/context";
import { cliArgs, runCli } from "./cli";

runCli(async () => {
  const { values } = cliArgs({ out: { type: "string" } });
  const ctx = await scriptContext();
  const dir = values.out ?? ctx.config.BACKUP_DIR ?? "backups";
  const result = await runBackup(ctx, dir);
  if (!result.ok) throw new Error(`backup failed: ${result.error}`);
  console.log(JSON.stringify({ file: result.file, size_bytes: result.sizeBytes, verified: true, counts: result.counts }, null, 2));
});
