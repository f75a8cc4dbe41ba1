import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": path.dirname(fileURLToPath(import.meta.url)) };
const integration = (name: string, provider: "sqlite" | "postgresql") => ({
  resolve: { alias },
  test: {
    name,
    // tests/integration-postgresql: what only PostgreSQL deployments do (several app instances)
    include: ["tests/integration/**/*.test.ts", ...(provider === "postgresql" ? ["tests/integration-postgresql/**/*.test.ts"] : [])],
    env: { TEST_DB: provider },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // files share one server and database; each test uses its own emails and client IPs
    fileParallelism: true,
    // …and a worker's module cache: each file would otherwise import lib/, Prisma's client and
    // the test support again (~0.6 s of CPU a file, ~45 s a suite). Safe because no integration
    // test mocks a module or changes process.env; per-file state lives in each file's own module.
    isolate: false,
  },
});

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        // isolate: false as below (no unit test mocks a module or changes process.env)
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], testTimeout: 20_000, isolate: false },
      },
      integration("int-sqlite", "sqlite"),
      integration("int-postgresql", "postgresql"),
    ],
  },
});
