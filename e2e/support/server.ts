// Playwright's web server: a fresh SQLite database with a known admin, then the production
// build through server.ts. Refuses to touch anything but its own .tmp/e2e database.
import fs from "node:fs";
import { createAdmin } from "../../lib/accounts/create-admin";
import { parseConfig } from "../../lib/config";
import { createDb } from "../../lib/db";
import { systemClock } from "../../lib/clock";
import { cryptoRandom } from "../../lib/random";
import { startSmtpCapture } from "../../tests/support/smtp-capture";
import { startOidcProvider } from "../../tests/support/oidc-provider";
import { migrate, startServer, testSecrets } from "../../tests/support/test-server";
import { E2E_ADMIN, E2E_BOOTSTRAP_ADMIN, E2E_BASE_URL, E2E_DATABASE_URL, E2E_DIR, E2E_MAIL_DIR, E2E_OIDC_PORT, E2E_PORT } from "./env";

// whatever this process started is stopped when it fails or is stopped, so a failed start
// never leaves a provider holding the next run's port
const cleanups: (() => Promise<unknown>)[] = [];
async function stopAll() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

async function main() {
  if (!E2E_DATABASE_URL.includes(".tmp/e2e")) throw new Error("e2e must run on its own local database");
  fs.rmSync(E2E_DIR, { recursive: true, force: true });
  fs.mkdirSync(E2E_DIR, { recursive: true });
  migrate(E2E_DATABASE_URL);
  const secrets = testSecrets();
  // a real SMTP server in this process: every mail the app sends lands in E2E_MAIL_DIR (e2e/support/mail.ts)
  const smtp = await startSmtpCapture({ dir: E2E_MAIL_DIR });
  cleanups.push(() => smtp.stop());
  // a real OpenID Provider: the college's single sign-on (e2e/student-signs-in-with-college-account.spec.ts)
  const oidc = await startOidcProvider([E2E_BASE_URL], { port: E2E_OIDC_PORT });
  cleanups.push(() => oidc.stop());
  const env = { ...secrets, ...oidc.env, DATABASE_URL: E2E_DATABASE_URL, SMTP_URL: smtp.url, MAIL_RETRY_FIRST_SECONDS: "1", APP_ENV: "test", BCRYPT_ROUNDS: "4", APP_URL: E2E_BASE_URL,
    // every spec signs up from 127.0.0.1: the suite alone would pass the default 30 per 15 minutes
    SIGNUP_LIMIT_PER_IP: "1000" };
  const config = parseConfig(env);
  const db = await createDb(E2E_DATABASE_URL);
  const ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "cli", userAgent: "e2e", deviceId: null, requestId: "e2e" };
  await createAdmin(ctx, { email: E2E_ADMIN.email, password: E2E_ADMIN.password, full_name: E2E_ADMIN.fullName });
  await createAdmin(ctx, { email: E2E_BOOTSTRAP_ADMIN.email, password: E2E_BOOTSTRAP_ADMIN.password, full_name: E2E_BOOTSTRAP_ADMIN.fullName }, { mustChangePassword: true });
  await db.$disconnect();
  const server = await startServer(E2E_DATABASE_URL, { ...env, PORT: String(E2E_PORT), LOG_LEVEL: "warn" });
  cleanups.push(() => server.stop());
  console.log(`e2e server ready at ${server.url}`);
  const stop = () => stopAll().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
