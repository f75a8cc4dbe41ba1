// Vitest global setup for an integration project: one fresh database and one real server
// per provider, shared by that project's test files (which use unique emails and client IPs).
import type { TestProject } from "vitest/node";
import { createTestDatabase, startServer, type Provider, type ServerEnv, type TestDatabase, type TestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    provider: Provider;
    baseUrl: string;
    serverEnv: ServerEnv;
  }
}

export default async function setup(project: TestProject) {
  const provider = (project.config.env?.TEST_DB ?? "sqlite") as Provider;
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  try {
    db = await createTestDatabase(provider);
    server = await startServer(db.url);
  } catch (error) {
    await db?.drop();
    throw error;
  }
  project.provide("provider", provider);
  project.provide("baseUrl", server.url);
  project.provide("serverEnv", server.env);
  return async () => {
    await server?.stop();
    await db?.drop();
  };
}
