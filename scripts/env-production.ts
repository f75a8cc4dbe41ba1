// npm run env:production -- --app-url https://rollcall.example.edu --database-url postgresql://… \
//   [--trusted-proxies 127.0.0.1] [--host 127.0.0.1] [--backup-dir /var/backups/rollcall] [--out .env] [--force]
// Writes a production settings file with fresh secrets (0600), checked against the production rules.
import fs from "node:fs";
import { parseEnv } from "node:util";
import { parseConfig } from "../lib/config";
import { productionEnvText } from "../lib/ops/production-env";
import { cryptoRandom } from "../lib/random";
import { cliArgs } from "./cli";

const USAGE = "usage: npm run env:production -- --app-url URL --database-url URL [--trusted-proxies LIST] [--host ADDR] [--backup-dir DIR] [--out FILE] [--force]";

function main() {
  const { values } = cliArgs({
    "app-url": { type: "string" },
    "database-url": { type: "string" },
    "trusted-proxies": { type: "string" },
    host: { type: "string" },
    "backup-dir": { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  });
  if (!values["app-url"] || !values["database-url"]) throw new Error(USAGE);
  const out = values.out ?? ".env";
  if (fs.existsSync(out) && !values.force) throw new Error(`${out} exists: keeping it (pass --force to replace it, which replaces every secret).`);
  const text = productionEnvText(
    { appUrl: values["app-url"], databaseUrl: values["database-url"], trustedProxies: values["trusted-proxies"], host: values.host, backupDir: values["backup-dir"] },
    cryptoRandom,
  );
  parseConfig({ ...parseEnv(text), APP_ENV: "production" }); // the file passes the rules the server applies
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, out);
  console.log(`wrote ${out} (0600) with fresh secrets`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
