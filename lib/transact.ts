// Interactive transactions that survive the database saying "try again":
// - SQLite's "database is locked" on a read→write upgrade: a deferred transaction that reads first
//   and writes later fails at once (busy_timeout does not apply) when another connection committed
//   in between (SQLITE_BUSY_SNAPSHOT);
// - PostgreSQL's serialization failure (40001) and deadlock (40P01): the database rolled the whole
//   transaction back and expects it to be run again.
// The whole callback is re-run, a bounded number of times, so it must not have effects outside
// the transaction. After the last attempt the answer is 503 service_unavailable (with Retry-After),
// never a 500. Every interactive `db.$transaction(fn)` goes through this (lib/db.ts wraps the
// client), and `transact()` is the name use cases call it by.
import type { Ctx } from "./context";
import type { Tx } from "./db";
import { AppError } from "./errors";
import { log } from "./log";

const SQLITE_ATTEMPTS = 7;
const CONFLICT_ATTEMPTS = 6;

export function isSqliteBusy(error: unknown): boolean {
  // Prisma's better-sqlite3 adapter reports SQLITE_BUSY as P1008 "Operation has timed out"
  // (kind SocketTimeout), keeping SQLite's own code in the cause — also when a deferred
  // transaction's read→write upgrade is refused at once, which no busy_timeout waits out
  if (adapterCauses(error).some((c) => typeof c.originalCode === "string" && c.originalCode.startsWith("SQLITE_BUSY"))) return true;
  const text = error instanceof Error ? error.message : String(error);
  return /database is locked|SQLITE_BUSY/i.test(text);
}

interface AdapterCause {
  originalCode?: unknown;
  kind?: unknown;
}
interface AdapterErrorShape {
  code?: unknown;
  message?: unknown;
  /** a DriverAdapterError (e.g. thrown at COMMIT) */
  cause?: AdapterCause;
  /** a PrismaClientKnownRequestError wrapping one (a query inside the transaction) */
  meta?: { driverAdapterError?: { cause?: AdapterCause } };
}

/** The driver adapter's error under a Prisma error, wherever Prisma put it. */
function adapterCauses(error: unknown): AdapterCause[] {
  if (typeof error !== "object" || error === null) return [];
  const e = error as AdapterErrorShape;
  return [e.cause, e.meta?.driverAdapterError?.cause].filter((c): c is AdapterCause => !!c);
}

const conflictCause = (c: AdapterCause) => c.originalCode === "40001" || c.originalCode === "40P01" || c.kind === "TransactionWriteConflict";

/** A PostgreSQL serialization failure or deadlock, as Prisma 6.19 and its pg adapter report them. */
export function isTransactionConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as AdapterErrorShape;
  if (e.code === "P2034") return true; // "write conflict or deadlock, please retry"
  if (adapterCauses(error).some(conflictCause)) return true;
  return typeof e.message === "string" && /\b(?:40001|40P01)\b|deadlock detected|could not serialize access|TransactionWriteConflict/.test(e.message);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run `attempt` (one whole transaction) again while the database asks for a retry, a bounded number of times. */
export async function withTransactionRetry<T>(attempt: () => Promise<T>, sleep: (ms: number) => Promise<unknown> = pause): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const busy = isSqliteBusy(error);
      if (!busy && !isTransactionConflict(error)) throw error;
      if (n >= (busy ? SQLITE_ATTEMPTS : CONFLICT_ATTEMPTS)) {
        log("warn", "transaction given up after retries", { attempts: n, reason: busy ? "sqlite_busy" : "serialization_or_deadlock" });
        throw new AppError("service_unavailable", "The database was too busy to finish this, and nothing was changed. Try again in a moment.", undefined, { "Retry-After": "1" });
      }
      // jittered and doubling: transactions that collided should not all come back together
      await sleep(5 + Math.random() * 25 * 2 ** n);
    }
  }
}

export async function transact<T>(ctx: Pick<Ctx, "db">, fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> {
  return ctx.db.$transaction(fn, options);
}
