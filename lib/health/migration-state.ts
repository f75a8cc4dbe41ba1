// Which migrations the database has applied, against the migrations folder shipped with this
// build (prisma/<provider>/migrations). A deploy that forgot `migrate deploy` shows "pending".
import fs from "node:fs";
import path from "node:path";
import type { Db, DbProvider } from "../db";

export interface MigrationState {
  state: "up_to_date" | "pending" | "failed" | "unknown";
  applied: number;
  available: number;
  pending: string[];
  failed: string[];
  latest: string | null;
}

export function migrationsIn(provider: DbProvider, root = process.cwd()): string[] | null {
  const dir = path.join(root, "prisma", provider, "migrations");
  if (!fs.existsSync(dir)) return null;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** Pure: compare the folder's migrations with the database's rows. */
export function compareMigrations(
  available: string[] | null,
  rows: { migration_name: string; finished: boolean; rolled_back: boolean }[],
): MigrationState {
  const applied = rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name);
  const failed = rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name);
  const appliedSet = new Set(applied);
  const pending = (available ?? []).filter((m) => !appliedSet.has(m));
  const state = failed.length ? "failed" : available === null ? "unknown" : pending.length ? "pending" : "up_to_date";
  return { state, applied: applied.length, available: available?.length ?? 0, pending, failed, latest: applied.sort().at(-1) ?? null };
}

export async function migrationState(db: Db, provider: DbProvider): Promise<MigrationState> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown }[]>(
    "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
  );
  return compareMigrations(
    migrationsIn(provider),
    rows.map((r) => ({ migration_name: r.migration_name, finished: r.finished_at != null, rolled_back: r.rolled_back_at != null })),
  );
}
