import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": path.dirname(fileURLToPath(import.meta.url)) };
const integration = (name: string, provider: "sqlite" | "postgresql") => ({
  resolve: { alias },
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DB: provider },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // files share one server and database; each test uses its own emails and client IPs
    fileParallelism: true,
  },
});

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], testTimeout: 20_000 },
      },
      integration("int-sqlite", "sqlite"),
      integration("int-postgresql", "postgresql"),
    ],
  },
});
