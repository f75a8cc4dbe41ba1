// Runtime database access. One build serves SQLite or PostgreSQL, chosen from DATABASE_URL;
// both Prisma clients are generated at build time and only the one in use is loaded.
import type { PrismaClient as PgPrismaClient } from "../generated/postgresql/client";
import { getConfig } from "./config";
import { sqliteFileOf } from "./db-url";
import { preparePrivateSqliteFile } from "./security/private-files";
import { withTransactionRetry } from "./transact";

/** App code is typed against the PostgreSQL client; the SQLite client is query-compatible. */
export type Db = PgPrismaClient;
/** A transaction client: what `db.$transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Either: functions that only write should accept a Tx so callers can compose them. */
export type DbOrTx = Db | Tx;

export type DbProvider = "sqlite" | "postgresql";
export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Spread into a Prisma string filter for a case-insensitive match: SQLite's LIKE already is
 *  (for ASCII); PostgreSQL needs mode "insensitive", which the SQLite client does not accept. */
export function insensitive(url: string): { mode: "insensitive" } | Record<string, never> {
  return providerOf(url) === "postgresql" ? { mode: "insensitive" } : {};
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Serialize this transaction with others like it before it reads anything. PostgreSQL: lock the
 * rows `pgLockQuery` selects (`… FOR UPDATE`, in one order), so a concurrent one waits and then
 * re-reads. SQLite: take the database's one write lock up front with a write to `table` that
 * touches no row; a deferred transaction that reads first and writes later fails with SQLITE_BUSY
 * when another connection wrote in between, instead of waiting.
 */
export async function lockBeforeReading(tx: Tx, databaseUrl: string, table: string, pgLockQuery: string, ...params: unknown[]): Promise<void> {
  if (providerOf(databaseUrl) === "postgresql") await tx.$queryRawUnsafe(pgLockQuery, ...params);
  else await tx.$executeRawUnsafe(`UPDATE ${table} SET id = id WHERE 1 = 0`);
}

/**
 * Every interactive transaction's defaults, unless it passes its own: wait up to 15 s for a
 * connection (PostgreSQL's pool of 10) or for SQLite's one writer, and run up to 15 s. Prisma's
 * own defaults (2 s to start, 5 s in all) turned a burst — 30 verifications racing a roster
 * import, 150 parallel logins — into "unable to start a transaction" errors on a busy 2-core
 * machine, although every one of them would have finished within a second of its turn. A burst
 * now queues, as the mark path always did (lib/attendance/write-mark.ts); a transaction that
 * still cannot start is a 503 with Retry-After (lib/http.ts), never a 500.
 */
const TRANSACTION_DEFAULTS = { maxWait: 15_000, timeout: 15_000 };

/** Omit secrets from every query result unless a caller asks for them explicitly. */
const omit = { user: { passwordHash: true }, refreshToken: { tokenHash: true }, pendingSignup: { passwordHash: true } } as const;

/**
 * Every interactive transaction (`db.$transaction(async (tx) => …)`) is re-run when the database
 * asks for it — SQLite busy, PostgreSQL serialization failure or deadlock — and answers 503 after
 * the last attempt (lib/transact.ts). Batch transactions (an array) pass through unchanged.
 */
function retryingTransactions<T extends { $transaction: (...args: never[]) => unknown }>(client: T): T {
  const original = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  const wrapped = (arg: unknown, options?: unknown) => (typeof arg === "function" ? withTransactionRetry(() => original(arg, options)) : original(arg, options));
  Object.defineProperty(client, "$transaction", { value: wrapped, configurable: true, writable: true });
  return client;
}

/** `onQuery`: hears every SQL statement the client sends (Prisma's query log) with its parameters
 *  (a JSON array), e.g. to count them or to ask the database for their plans. */
export async function createDb(url: string, { onQuery }: { onQuery?: (sql: string, params: string) => void } = {}): Promise<Db> {
  const log = onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  const listen = (client: { $on(event: "query", listener: (e: { query: string; params: string }) => void): void }) =>
    onQuery && client.$on("query", (e) => onQuery(e.query, e.params));
  if (providerOf(url) === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../generated/postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), omit, transactionOptions: TRANSACTION_DEFAULTS, log });
    listen(db);
    return retryingTransactions(db) as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("../generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  preparePrivateSqliteFile(sqliteFileOf(url)); // 0600 in a 0700 folder when created here
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), omit, transactionOptions: TRANSACTION_DEFAULTS, log });
  listen(db);
  // WAL lets readers run beside the writer and cuts write latency ~2x (measured when the stack was chosen); the adapter
  // does not enable it. journal_mode=WAL persists in the file; busy_timeout is per connection.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return retryingTransactions(db) as unknown as Db;
}

const cache = globalThis as unknown as { rollcallDb?: Promise<Db> };

/** The process-wide client for the configured DATABASE_URL (cached across dev reloads). */
export function getDb(): Promise<Db> {
  cache.rollcallDb ??= createDb(getConfig().DATABASE_URL).catch((error: unknown) => {
    cache.rollcallDb = undefined;
    throw error;
  });
  return cache.rollcallDb;
}

export { Role, UserStatus, ApprovalStatus, AttendanceStatus, AttendanceMethod, SessionKind } from "../generated/postgresql/enums";

/** Close the process-wide client, if one was opened (graceful shutdown). */
export async function disconnectDb(): Promise<void> {
  const pending = cache.rollcallDb;
  cache.rollcallDb = undefined;
  if (pending) await pending.then((db) => db.$disconnect(), () => undefined);
}
