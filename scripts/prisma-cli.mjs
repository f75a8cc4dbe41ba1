// Runs the Prisma CLI (`node scripts/prisma-cli.mjs <prisma arguments>`, used by `npm run
// db:migrate` and `db:generate`) with Prisma's own output, minus the lines Prisma 6.19 prints in
// driver-adapter mode that are untrue for this project:
//  - "Prisma config detected, skipping environment variable loading." (prisma.config.ts loads .env);
//  - 'Datasource "db": … "unused.db"' / '"unused"': the placeholder url every Prisma 6 schema must
//    carry (removing it or using env() breaks `prisma generate`), never used;
//  - the "WARNING: Your schema specifies … url … will NOT be used!" paragraph, about that placeholder;
//  - "N migrations found in prisma/migrations": the folder is prisma/<provider>/migrations.
// For `migrate`, one line first names the database actually used. Everything else passes
// through, and the exit code is Prisma's.
// `migrate` runs as the owner role when MIGRATION_DATABASE_URL is set (split roles,
// docs/deployment.md): from the environment, `.env` or a `migrate.env` this user can read.
// Run with tsx (package.json), which lets this file use the app's own URL rules.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { schemaChangeUrl } from "../lib/db-url.ts";
import { loadDotEnv } from "./load-env.ts";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
// same rules as prisma.config.ts: .env fills what the environment does not set
loadDotEnv();
const args = process.argv.slice(2);
const runtimeUrl = process.env.DATABASE_URL || "file:./data/rollcall.db";
const owner = args[0] === "migrate" && Boolean(process.env.MIGRATION_DATABASE_URL);
let url = runtimeUrl;
try {
  if (owner) url = schemaChangeUrl(runtimeUrl, process.env.MIGRATION_DATABASE_URL);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const provider = /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";

function describeDatabase() {
  if (provider === "sqlite") return `SQLite database ${url.replace(/^file:/, "")} (DATABASE_URL)`;
  const u = new URL(url);
  const as = u.username ? ` as ${decodeURIComponent(u.username)}` : "";
  return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1))}" at ${u.hostname}:${u.port || 5432}${as} (${owner ? "MIGRATION_DATABASE_URL" : "DATABASE_URL"})`;
}

const SKIP_LINE = [/^Prisma config detected, skipping environment variable loading\.$/, /^Datasource "db": .*"unused(\.db)?"/];
const WARNING_START = /^WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter/;
const WARNING_END = /^We recommend you to remove those properties from your schema/;
const MIGRATIONS_FOUND = /^(\d+ migrations? found in )prisma\/migrations$/;

/** Copy `input` to `output` line by line, dropping and correcting the lines above. */
function filter(input, output) {
  let inWarning = false;
  let lastBlank = false;
  const emit = (line) => {
    const blank = line.trim() === "";
    if (blank && lastBlank) return; // a dropped paragraph leaves no double gap
    lastBlank = blank;
    output.write(`${line}\n`);
  };
  readline.createInterface({ input }).on("line", (line) => {
    if (WARNING_START.test(line)) inWarning = true;
    if (inWarning) {
      if (WARNING_END.test(line)) inWarning = false;
      return;
    }
    if (SKIP_LINE.some((re) => re.test(line))) return;
    emit(line.replace(MIGRATIONS_FOUND, `$1prisma/${provider}/migrations`));
  });
}

if (args[0] === "migrate") console.log(`Migrating the ${describeDatabase()}`);
const child = spawn(path.join(root, "node_modules", ".bin", "prisma"), args, {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, DATABASE_URL: url },
});
filter(child.stdout, process.stdout);
filter(child.stderr, process.stderr);
child.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
