// npm run env:production -- --app-url https://rollcall.example.edu [--trusted-proxies 127.0.0.2]
//   [--host 127.0.0.1] [--backup-dir /var/backups/rollcall] [--out .env] [--migration-env FILE] [--force]
// Writes a production settings file with fresh secrets (0600), checked against the production rules.
// The database URL holds a password, so it is never an argument (the terminal, `ps` and shell
// history would keep it): it is asked for without echo, or read from the first line of standard
// input. With --migration-env FILE, the owner role's URL (second line) goes to FILE (0600), apart
// from the settings file the instances read (docs/deployment.md, least privilege).
import fs from "node:fs";
import { parseEnv } from "node:util";
import { parseConfig } from "../lib/config";
import { schemaChangeUrl } from "../lib/db-url";
import { productionEnvText } from "../lib/ops/production-env";
import { cryptoRandom } from "../lib/random";
import { cliArgs } from "./cli";
import { readSecretLine } from "./read-password";

const USAGE =
  "usage: npm run env:production -- --app-url URL [--trusted-proxies LIST] [--host ADDR] [--backup-dir DIR] [--out FILE] [--migration-env FILE] [--force]\n" +
  "  the database URL is asked for (not shown), or read from standard input: printf '%s\\n' \"$DATABASE_URL\" | npm run env:production -- …";

function writePrivate(file: string, text: string) {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

async function main() {
  const { values } = cliArgs({
    "app-url": { type: "string" },
    "database-url": { type: "string" },
    "trusted-proxies": { type: "string" },
    host: { type: "string" },
    "backup-dir": { type: "string" },
    out: { type: "string" },
    "migration-env": { type: "string" },
    force: { type: "boolean" },
  });
  if (values["database-url"] !== undefined) {
    throw new Error("--database-url is no longer accepted: a password on the command line stays in shell history and shows in `ps`.\n" + USAGE);
  }
  if (!values["app-url"]) throw new Error(USAGE);
  const out = values.out ?? ".env";
  const migrationOut = values["migration-env"];
  for (const file of [out, migrationOut]) {
    if (file && fs.existsSync(file) && !values.force) throw new Error(`${file} exists: keeping it (pass --force to replace it, which replaces every secret).`);
  }
  const databaseUrl = await readSecretLine("Database URL for the app (postgresql://ROLE:PASSWORD@HOST:5432/DB or file:PATH; not shown): ", 0);
  if (!databaseUrl) throw new Error(`no database URL given.\n${USAGE}`);
  const migrationUrl = migrationOut ? await readSecretLine("Database URL of the owner role, for migrations (not shown): ", 1) : undefined;
  if (migrationOut && !migrationUrl) throw new Error("--migration-env needs the owner role's URL (the second line of standard input).");
  if (migrationUrl) schemaChangeUrl(databaseUrl, migrationUrl); // the same database, or refuse now
  const text = productionEnvText(
    { appUrl: values["app-url"], databaseUrl, trustedProxies: values["trusted-proxies"], host: values.host, backupDir: values["backup-dir"] },
    cryptoRandom,
  );
  parseConfig({ ...parseEnv(text), APP_ENV: "production" }); // the file passes the rules the server applies
  writePrivate(out, text);
  console.log(`wrote ${out} (0600) with fresh secrets`);
  if (migrationOut && migrationUrl) {
    writePrivate(migrationOut, `# The owner role, for \`npm run db:migrate\` and \`db:restore\` only. Keep it 0600, readable by the admin, not the service user.\nMIGRATION_DATABASE_URL=${migrationUrl}\n`);
    console.log(`wrote ${migrationOut} (0600) with the owner role's URL`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
