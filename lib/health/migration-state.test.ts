import { describe, expect, it } from "vitest";
import { compareMigrations, migrationsIn } from "./migration-state";

const row = (migration_name: string, finished = true, rolled_back = false) => ({ migration_name, finished, rolled_back });

describe("compareMigrations", () => {
  it("is up to date when every folder migration is applied", () => {
    expect(compareMigrations(["001", "002"], [row("001"), row("002")])).toEqual({ state: "up_to_date", applied: 2, available: 2, pending: [], failed: [], latest: "002" });
  });
  it("lists pending and failed migrations", () => {
    expect(compareMigrations(["001", "002", "003"], [row("001")])).toMatchObject({ state: "pending", pending: ["002", "003"] });
    expect(compareMigrations(["001", "002"], [row("001"), row("002", false)])).toMatchObject({ state: "failed", failed: ["002"] });
    expect(compareMigrations(["001"], [row("001"), row("001", false, true)])).toMatchObject({ state: "up_to_date" });
    expect(compareMigrations(null, [row("001")]).state).toBe("unknown");
  });
  it("reads the shipped migrations folders", () => {
    expect(migrationsIn("sqlite")?.length).toBeGreaterThan(0);
    expect(migrationsIn("postgresql")?.length).toBeGreaterThan(0);
  });
});
