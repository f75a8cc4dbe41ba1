// A Prisma client on a test database that keeps every SQL statement it sends (Prisma's own query
// log), to check how many statements a use case costs. Built as lib/db.ts createDb builds the
// app's client, with the same adapters; only the log is added.
import { providerOf, type Db } from "@/lib/db";

export interface StatementLog {
  db: Db;
  /** the statements sent so far, in order; empty it to start counting afresh */
  statements: string[];
}

type Logged = { $on(event: "query", listener: (e: { query: string }) => void): void };
const log = [{ emit: "event" as const, level: "query" as const }];

export async function statementLoggingDb(url: string): Promise<StatementLog> {
  const statements: string[] = [];
  let db: Logged & { $queryRawUnsafe(sql: string): Promise<unknown> };
  if (providerOf(url) === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import("@/generated/postgresql/client"), import("@prisma/adapter-pg")]);
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }), log });
  } else {
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([import("@/generated/sqlite/client"), import("@prisma/adapter-better-sqlite3")]);
    db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }), log });
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
  }
  db.$on("query", (e) => statements.push(e.query));
  return { db: db as unknown as Db, statements };
}
