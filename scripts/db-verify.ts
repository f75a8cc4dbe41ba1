// npm run db:verify -- FILE   (a PostgreSQL dump is restored into a scratch database on DATABASE_URL's server)
import { verifyBackup } from "../lib/backup/verify-backup";
import { getConfig } from "../lib/config";
import { runCli } from "./cli";

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run db:verify -- FILE");
  const result = await verifyBackup(file, getConfig().DATABASE_URL);
  console.log(JSON.stringify(result, null, 2));
  if (!result.ok) throw new Error(`verification failed: ${result.problems.join("; ")}`);
});
