// `npm run db:migrate` (scripts/prisma-cli.mjs) on a new database: every line it prints is true.
// Prisma 6.19 in driver-adapter mode would also print a warning about the schema's placeholder
// url, name the database "unused", and point at the wrong migrations folder.
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { createTestDatabase, ROOT } from "../support/test-server";

const provider = inject("provider");

function dbMigrate(url: string) {
  const run = spawnSync("npm", ["run", "--silent", "db:migrate"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe(`npm run db:migrate (${provider})`, () => {
  it("migrates an empty database, then finds nothing to do, with no warning or placeholder in its output", { timeout: 120_000 }, async () => {
    const db = await createTestDatabase(provider, "migrate", { migrated: false });
    try {
      const first = dbMigrate(db.url);
      expect(first.status, first.output).toBe(0);
      expect(first.output).toContain(provider === "sqlite" ? "Migrating the SQLite database " : 'Migrating the PostgreSQL database "rollcall_test_migrate_');
      expect(first.output).toMatch(new RegExp(`\\d+ migrations? found in prisma/${provider}/migrations`));
      expect(first.output).toContain("All migrations have been successfully applied.");

      const again = dbMigrate(db.url);
      expect(again.status, again.output).toBe(0);
      expect(again.output).toContain("No pending migrations to apply.");

      for (const output of [first.output, again.output]) {
        expect(output.split("\n").filter((line) => /warn|unused|will not be used|skipping environment|prisma\/migrations/i.test(line))).toEqual([]);
      }
    } finally {
      await db.drop();
    }
  });
});
