// Fixed facts of the e2e environment, shared by playwright.config.ts, the server and the specs.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT || 3211);
/** localhost, not 127.0.0.1: the app's APP_URL too, and passkeys need a domain (browsers refuse an IP address as RP ID). */
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DIR = path.resolve(__dirname, "../../.tmp/e2e");
/** where the e2e server's SMTP capture writes each mail it accepts (e2e/support/mail.ts reads it) */
export const E2E_MAIL_DIR = path.join(E2E_DIR, "mailbox");
export const E2E_DATABASE_URL = `file:${path.join(E2E_DIR, "rollcall.db")}`;
export const E2E_ADMIN = { email: "admin@e2e.rollcall.test", password: "E2e-Proctor-Pass-42!", fullName: "E2E Admin" };
/** made like the quick start's bootstrap admin: must choose their own password at first sign-in */
export const E2E_BOOTSTRAP_ADMIN = { email: "bootstrap@e2e.rollcall.test", password: "Printed-Once-Pass-42!", fullName: "Bootstrap Admin" };
/** the e2e server's OpenID Provider (tests/support/oidc-provider.ts): its login page signs anyone in by the name typed */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT || E2E_PORT + 1000);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
