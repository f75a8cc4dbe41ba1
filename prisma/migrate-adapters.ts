// Driver adapters for the Prisma CLI (migrate/db commands) when running the
// WASM schema engine (`engine: "js"` in prisma.config.ts). Works around bugs in
// Prisma 6.19's experimental JS engine path:
//  - SQLite: a fresh DB fails `migrate dev` with P1014 (`_prisma_migrations` missing),
//    and shadow-DB replay sends multi-statement scripts to executeRaw, which
//    better-sqlite3 rejects. Fix: pre-create the table; route scripts to executeScript.
//  - PostgreSQL: schema introspection selects `name` (OID 19) and "char" (18) catalog
//    columns, which @prisma/adapter-pg rejects (prisma/orm#27403): report them as text.
//    PrismaPg's own shadow-DB handling is broken (see connectToShadowDb below).
//    Its executeScript splits a script on every ";", breaking dollar-quoted function bodies
//    (the report version's triggers): split the way PostgreSQL does (lib/ops/sql-statements.ts).
//  - Both: the WASM engine leaves long timers pending (CLI lingers 10-60 s; see bottom).
// Only the CLI loads this file; the app's runtime PrismaClient uses the plain adapters.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PoolConfig } from "pg";
import { sqliteFileOf } from "../lib/db-url";
import { splitSqlStatements } from "../lib/ops/sql-statements";
import { preparePrivateSqliteFile } from "../lib/security/private-files";

const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

function scriptsViaExecuteScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

export async function sqliteMigrateAdapter(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  // `migrate deploy` usually creates the database file: private from the start (0600 in 0700)
  preparePrivateSqliteFile(sqliteFileOf(url));
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = scriptsViaExecuteScript(await factory.connect());
      await adapter.executeScript(MIGRATIONS_TABLE_DDL);
      return adapter;
    },
    async connectToShadowDb() {
      return scriptsViaExecuteScript(await factory.connectToShadowDb());
    },
  };
}

/** One statement at a time, split outside quotes, comments and $$ bodies. */
function pgScriptsSplitAsPostgresDoes(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeScript = async (script) => {
    for (const sql of splitSqlStatements(script)) await executeRaw({ sql, args: [], argTypes: [] });
  };
  return adapter;
}

export async function postgresMigrateAdapter(connectionString: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // pg_catalog types the adapter cannot map -> text / text[]
  const REMAP: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 }; // "char", name, "char"[], name[]
  const fix = (result: any) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      for (const f of r?.fields ?? []) f.dataTypeID = REMAP[f.dataTypeID] ?? f.dataTypeID;
    }
    return result;
  };
  class Client extends pg.Client {
    query(...args: any[]): any {
      const cb = args.findIndex((a) => typeof a === "function");
      if (cb >= 0) {
        const done = args[cb];
        args[cb] = (err: unknown, res: unknown) => done(err, err ? res : fix(res));
      }
      const res = (super.query as (...a: any[]) => any)(...args);
      return res && typeof res.then === "function" ? res.then(fix) : res;
    }
  }
  // Discrete fields, not `connectionString`: pg lets `connectionString` win over `database`.
  const { parse } = await import("pg-connection-string");
  const fields = Object.fromEntries(Object.entries(parse(connectionString)).filter(([, v]) => v != null));
  const config: PoolConfig = { ...(fields as PoolConfig), Client, allowExitOnIdle: true };
  const factory = new PrismaPg(config);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => pgScriptsSplitAsPostgresDoes(await factory.connect()),
    // PrismaPg's own connectToShadowDb() drops the temporary DB while its pool is still
    // connected ("database ... is being accessed by other users") and, given a
    // connectionString, silently uses the main DB as the "shadow". Needs CREATEDB.
    async connectToShadowDb() {
      const main = await factory.connect();
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = pgScriptsSplitAsPostgresDoes(await new PrismaPg({ ...config, database }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await main.dispose();
      };
      return shadow;
    },
  };
}

// Prisma 6.19's WASM schema engine leaves 10 s / 60 s timeout timers pending when a
// command ends, so the CLI lingers up to 60 s after printing its result. Unref timers
// created from inside the WASM engine (this file is loaded only by the Prisma CLI).
const setTimeoutOrig = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: any[]) => void, ms?: number, ...args: any[]) => {
  const timer = setTimeoutOrig(fn, ms, ...args);
  if ((ms ?? 0) >= 5_000 && new Error().stack?.includes("wasm://")) timer.unref();
  return timer;
}) as typeof setTimeout;
