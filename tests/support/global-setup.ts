// Vitest global setup for an integration project: one fresh database, one real SMTP capture and
// one real server per provider, shared by that project's test files (which use unique emails and
// client IPs). The server sends its mail to the capture; tests read it with tests/support/mailbox.ts.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startSmtpCapture, type SmtpCapture } from "./smtp-capture";
import { createTestDatabase, ROOT, startServer, type Provider, type ServerEnv, type TestDatabase, type TestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    provider: Provider;
    baseUrl: string;
    serverEnv: ServerEnv;
    /** where the shared server's mail lands, one JSON file per message (tests/support/mailbox.ts) */
    mailboxDir: string;
  }
}

export default async function setup(project: TestProject) {
  const provider = (project.config.env?.TEST_DB ?? "sqlite") as Provider;
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  let smtp: SmtpCapture | undefined;
  const mailboxDir = path.join(ROOT, ".tmp", `mailbox_${provider}_${Date.now().toString(36)}_${process.pid}`);
  try {
    db = await createTestDatabase(provider);
    smtp = await startSmtpCapture({ dir: mailboxDir });
    // files run side by side on this server: a bound on heavy reads (reports, exports, imports) as low
    // as production's would turn one file's export away while another file's runs (heavy-reads.test.ts
    // proves the bound on a server of its own)
    server = await startServer(db.url, { SMTP_URL: smtp.url, MAIL_RETRY_FIRST_SECONDS: "1", HEAVY_READS_PER_INSTANCE: "32" });
  } catch (error) {
    await smtp?.stop();
    await db?.drop();
    throw error;
  }
  project.provide("provider", provider);
  project.provide("baseUrl", server.url);
  project.provide("serverEnv", server.env);
  project.provide("mailboxDir", mailboxDir);
  return async () => {
    await server?.stop();
    await smtp?.stop();
    await db?.drop();
    fs.rmSync(mailboxDir, { recursive: true, force: true });
  };
}
