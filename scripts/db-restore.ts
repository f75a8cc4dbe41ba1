// npm run db:restore -- FILE [--replaces]   Restores into DATABASE_URL. Stop the app first.
// As the owner role when MIGRATION_DATABASE_URL names the same database (split roles): a restore
// drops and recreates the tables, which the runtime role may not. Into another database than the
// backup's own, the copy gets a new installation id unless --replaces (docs/deployment.md#a-restored-copy).
import { installationIdAt, recordRestore, restoreBackup } from "../lib/backup/restore-backup";
import { getConfig } from "../lib/config";
import { scriptContext } from "../lib/context";
import { schemaChangeUrl } from "../lib/db-url";
import { cliArgs, runCli } from "./cli";

runCli(async () => {
  const { values, positionals } = cliArgs({ replaces: { type: "boolean" } });
  const file = positionals[0];
  if (!file) throw new Error("usage: npm run db:restore -- FILE [--replaces]");
  const config = getConfig();
  const previousInstallationId = await installationIdAt(config.DATABASE_URL);
  const check = await restoreBackup(schemaChangeUrl(config.DATABASE_URL, config.MIGRATION_DATABASE_URL), file);
  // Open the database only after the restore, so the history fix and the audit entry land in the restored copy.
  const ctx = await scriptContext();
  const recorded = await recordRestore(ctx, file, check, { previousInstallationId, replaces: values.replaces ?? false });
  console.log(JSON.stringify({ restored: file, counts: check.counts, installation_id: recorded.installationId, restored_from: recorded.restoredFrom }, null, 2));
});
