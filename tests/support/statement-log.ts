// A Prisma client on a test database that keeps every SQL statement it sends (Prisma's own query
// log), to check how many statements a use case costs: the app's own client (lib/db.ts createDb),
// listening to its queries.
import { createDb, type Db } from "@/lib/db";

export interface StatementLog {
  db: Db;
  /** the statements sent so far, in order; empty it to start counting afresh */
  statements: string[];
  /** each statement's parameters, at the same index */
  params: unknown[][];
}

export async function statementLoggingDb(url: string): Promise<StatementLog> {
  const statements: string[] = [];
  const params: unknown[][] = [];
  const db = await createDb(url, {
    onQuery: (sql, values) => {
      statements.push(sql);
      params[statements.length - 1] = JSON.parse(values) as unknown[];
    },
  });
  return { db, statements, params };
}
