import type { Db } from "../db";
import { getDb, providerOf } from "../db";
import { getConfig } from "../config";
import { buildInfo, type BuildInfo } from "./build-info";
import { migrationState, type MigrationState } from "./migration-state";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
  migrations?: MigrationState;
  build: BuildInfo;
}

/** Reachability of the database and its migration state. Never throws. */
export async function checkHealth(getDatabase: () => Promise<Db> = getDb): Promise<Health> {
  let db: Db;
  try {
    db = await getDatabase();
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return { status: "degraded", database: "unreachable", build: buildInfo() };
  }
  try {
    const migrations = await migrationState(db, providerOf(getConfig().DATABASE_URL));
    return { status: migrations.state === "up_to_date" ? "ok" : "degraded", database: "ok", migrations, build: buildInfo() };
  } catch {
    const unknown: MigrationState = { state: "unknown", applied: 0, available: 0, pending: [], failed: [], latest: null };
    return { status: "degraded", database: "ok", migrations: unknown, build: buildInfo() };
  }
}
