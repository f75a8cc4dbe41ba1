// The migrations build exactly the schema: a migration written on one branch must not lose
// another branch's column, index or enum value when both are merged (a SQLite table redefine
// copies only the columns its own branch knew).
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import { testDb } from "../support/db";
import { actualShape, expectedShape, schemaDrift, type SchemaShape } from "../support/schema-drift";

const provider = inject("provider");

describe(`schema drift: migrated database vs prisma/${provider}/schema.prisma`, () => {
  it("has every model's table and column (nullability, type), key, unique and plain index, foreign key and enum value, and nothing else", async () => {
    const [expected, actual] = [expectedShape(provider), await actualShape(await testDb(), provider)];
    expect(schemaDrift(expected, actual)).toEqual([]);
    // the comparison saw real content, not two empty shapes
    expect(Object.keys(actual.tables)).toContain("users");
    expect(actual.tables.attendance_records?.uniques).toContainEqual(["user_id", "event_id"]);
    if (provider === "postgresql") expect(actual.enums.UserStatus).toContain("deactivated");
  });

  it("names each kind of drift a bad migration or merge can cause", async () => {
    const actual = await actualShape(await testDb(), provider);
    const drifted: SchemaShape = structuredClone(actual);
    const users = drifted.tables.users!;
    delete users.columns.last_login_at; // a SQLite table redefine that forgot a column
    users.columns.full_name!.nullable = true;
    users.columns.notes = { type: "TEXT", nullable: true };
    users.uniques = []; // email no longer unique
    users.indexes.pop();
    drifted.tables.attendance_records!.foreignKeys = drifted.tables.attendance_records!.foreignKeys.map((fk) =>
      fk.refTable === "events" ? { ...fk, onDelete: "RESTRICT" } : fk,
    );
    drifted.tables.leftover = { columns: { id: { type: "TEXT", nullable: false } }, primaryKey: ["id"], uniques: [], indexes: [], foreignKeys: [] };
    delete drifted.tables.devices;
    if (provider === "postgresql") drifted.enums.UserStatus = drifted.enums.UserStatus!.filter((v) => v !== "deactivated");

    const drift = schemaDrift(expectedShape(provider), drifted);
    expect(drift).toEqual(
      expect.arrayContaining([
        "table devices: missing",
        "column users.last_login_at: missing",
        "column users.full_name: nullable in the database, required in the schema",
        "column users.notes: in the database, not in the schema",
        "unique index on users (email): missing",
        "foreign key on attendance_records (event_id) -> events(id) ON DELETE CASCADE: missing",
        "table leftover: in the database, not in the schema",
        ...(provider === "postgresql" ? ["enum UserStatus value deactivated: missing"] : []),
      ]),
    );
    expect(drift.some((d) => d.startsWith("index on users ("))).toBe(true);
  });

  it("reads the schema with the parser of the Prisma engines the CLI runs", () => {
    const require = createRequire(import.meta.url);
    const wasm = require("@prisma/prisma-schema-wasm/package.json") as { version: string };
    const engines = require("@prisma/engines-version/package.json") as { version: string };
    expect(wasm.version).toBe(engines.version);
  });
});
