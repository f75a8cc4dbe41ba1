// Interactive transactions that survive SQLite's "database is locked" on a read→write upgrade.
// A deferred SQLite transaction that reads first and writes later fails at once (busy_timeout
// does not apply) when another connection committed in between (SQLITE_BUSY_SNAPSHOT). The
// whole callback is re-run, so it must not have effects outside the transaction.
import type { Ctx } from "./context";
import type { Tx } from "./db";

export function isSqliteBusy(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /database is locked|SQLITE_BUSY/i.test(text);
}

export async function transact<T>(ctx: Pick<Ctx, "db">, fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.$transaction(fn, options);
    } catch (error) {
      if (attempt >= 6 || !isSqliteBusy(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}
