// The README's first command (after `npm ci`): secrets, database, bootstrap admin, build, serve.
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freshSecrets } from "../lib/ops/production-env";
import { cryptoRandom } from "../lib/random";
import fs from "node:fs";
import { createAdmin, generatePassword } from "../lib/accounts/create-admin";
import { configuredPort, getConfig } from "../lib/config";
import { loadDotEnv } from "./load-env";
import { scriptContext } from "../lib/context";

function writeEnvOnce() {
  if (fs.existsSync(".env")) {
    console.log("• .env exists: keeping its settings");
    return;
  }
  const secrets = freshSecrets(cryptoRandom); // the production rules' secrets, so this file can go live
  const lines = [
    "# Written once by `npm run quickstart`. Keep it secret; see README for every setting.",
    "DATABASE_URL=file:./data/rollcall.db",
    `SECRET_KEY=${secrets.SECRET_KEY}`,
    `QR_SIGNING_SECRET=${secrets.QR_SIGNING_SECRET}`,
    `NEXTAUTH_SECRET=${secrets.NEXTAUTH_SECRET}`,
    // QR codes and links point here: the address this quick start serves on
    `APP_URL=http://localhost:${configuredPort()}`,
    "",
  ];
  fs.writeFileSync(".env", lines.join("\n"), { mode: 0o600 });
  console.log("• wrote .env with fresh random secrets");
}

async function bootstrapAdmin() {
  const ctx = await scriptContext();
  const admins = await ctx.db.user.count({ where: { role: "admin" } });
  if (admins > 0) {
    console.log("• an admin already exists: no bootstrap admin created");
    return;
  }
  const email = "admin@rollcall.local";
  const password = generatePassword(randomBytes(15));
  // must choose their own password at first sign-in: nothing else works until then (docs/authentication.md)
  await createAdmin(ctx, { email, password, full_name: "Bootstrap Admin" }, { mustChangePassword: true });
  const bar = "=".repeat(64);
  console.log(`\n${bar}\n  Bootstrap admin (shown once; you choose a new password at first sign-in)\n  email:    ${email}\n  password: ${password}\n${bar}\n`);
  await ctx.db.$disconnect();
}

async function main() {
  writeEnvOnce();
  loadDotEnv();
  const run = (cmd: string) => execSync(cmd, { stdio: "inherit" });
  run("npm run --silent db:migrate");
  await bootstrapAdmin();
  run("npm run build --silent");
  const { APP_URL, PORT } = getConfig();
  const served = `http://localhost:${PORT}`;
  console.log(`• starting Rollcall on ${served} (Ctrl+C to stop)`);
  if (APP_URL !== served) console.log(`  QR codes and links use APP_URL from .env: ${APP_URL}`);
  const server = spawn("npm", ["start"], { stdio: "inherit" });
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
