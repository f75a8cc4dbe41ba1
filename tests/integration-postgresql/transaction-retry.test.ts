// PostgreSQL answers a deadlock (40P01) or a serialization failure (40001) by rolling one
// transaction back and expecting it to be run again. Every interactive transaction of the app
// does (lib/transact.ts, wired into the client by lib/db.ts): real deadlocks here, provoked by two
// transactions taking the same two rows in opposite order, on the app's own tables.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { transact } from "@/lib/transact";
import { createTestDatabase, type TestDatabase } from "../support/test-server";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase("postgresql", "retry");
  db = await createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function buckets(...keys: string[]) {
  const now = new Date();
  await db.rateLimitBucket.createMany({ data: keys.map((key) => ({ key, count: 0, windowStart: now, expiresAt: new Date(now.getTime() + 3600_000) })) });
}
const bump = (tx: Tx, key: string) => tx.rateLimitBucket.update({ where: { key }, data: { count: { increment: 1 } } });
const counts = async (...keys: string[]) => (await db.rateLimitBucket.findMany({ where: { key: { in: keys } }, orderBy: { key: "asc" } })).map((b) => b.count);

/** Prisma's own limits (2 s for a connection, 5 s per transaction) are not under test here. */
const LOADED_MACHINE = { maxWait: 30_000, timeout: 30_000 };

/** Resolves once `n` parties have called arrive(). */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { arrive: () => (++arrived === n ? open() : undefined), opened };
}

describe("transactions retried on deadlock and serialization failure (postgresql)", () => {
  it("a real deadlock: the victim is run again and both transactions commit, each once", async () => {
    const [a, b] = [`dl-a-${randomBytes(4).toString("hex")}`, `dl-b-${randomBytes(4).toString("hex")}`];
    await buckets(a, b);
    const gate = barrier(2);
    let attempts = 0;
    const crossing = (first: string, second: string) =>
      transact({ db }, async (tx) => {
        attempts++;
        await bump(tx, first);
        gate.arrive();
        await gate.opened; // both hold their first row: each now waits for the other's
        await bump(tx, second);
      }, LOADED_MACHINE);
    const results = await Promise.allSettled([crossing(a, b), crossing(b, a)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts).toBe(3); // two first attempts, one of them the deadlock's victim and run again
    expect(await counts(a, b)).toEqual([2, 2]);
  }, 30_000);

  it("15 deadlocks at once (30 transactions in crossing pairs): every transaction commits exactly once", async () => {
    // three clients of 10 connections: every member of every pair holds a connection at once
    const clients = [db, await createDb(database.url), await createDb(database.url)];
    try {
      const pairs = Array.from({ length: 15 }, (_, i) => [`p${i}-a-${randomBytes(3).toString("hex")}`, `p${i}-b-${randomBytes(3).toString("hex")}`] as const);
      await buckets(...pairs.flat());
      let attempts = 0;
      const runs = pairs.flatMap(([a, b], i) => {
        const gate = barrier(2);
        const client = clients[i % 3]!;
        const crossing = (first: string, second: string) =>
          client.$transaction(
            async (tx) => {
              attempts++;
              await bump(tx, first);
              gate.arrive();
              await gate.opened;
              await bump(tx, second);
            },
            LOADED_MACHINE,
          );
        return [crossing(a, b), crossing(b, a)];
      });
      const results = await Promise.allSettled(runs);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      // 30 first attempts and at least one retry per deadlock: once, a loaded run saw 46 (one
      // victim's retry was cancelled again); each transaction still applied exactly once (below)
      expect(attempts).toBeGreaterThanOrEqual(45);
      expect(attempts).toBeLessThanOrEqual(60);
      expect(await counts(...pairs.flat())).toEqual(Array(30).fill(2)); // none applied twice
    } finally {
      await Promise.all(clients.slice(1).map((c) => c.$disconnect()));
    }
  }, 60_000);

  it("a serialization failure (40001) is retried too", async () => {
    const key = `ser-${randomBytes(4).toString("hex")}`;
    await buckets(key);
    let attempts = 0;
    let readDone!: () => void;
    const read = new Promise<void>((r) => (readDone = r));
    // REPEATABLE READ: the first attempt reads the row, another transaction changes it and commits,
    // and the first attempt's own update is refused with 40001 ("concurrent update")
    const other = read.then(() => db.$transaction((tx) => bump(tx, key), LOADED_MACHINE));
    await db.$transaction(async (tx) => {
      attempts++;
      await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      const seen = (await tx.rateLimitBucket.findUniqueOrThrow({ where: { key } })).count;
      if (attempts === 1) {
        readDone();
        await other;
      }
      await tx.rateLimitBucket.update({ where: { key }, data: { count: seen + 10 } });
    }, LOADED_MACHINE);
    expect(attempts).toBe(2);
    expect(await counts(key)).toEqual([11]); // the retry read the other transaction's 1
  }, 30_000);

  it("bounded: a transaction that deadlocks on every attempt ends in 503 service_unavailable, nothing written", async () => {
    const [a, b] = [`dl5-a-${randomBytes(4).toString("hex")}`, `dl5-b-${randomBytes(4).toString("hex")}`];
    await buckets(a, b);
    let attempts = 0;
    const partners: Promise<unknown>[] = [];
    const error = await transact({ db }, async (tx) => {
      attempts++;
      const gate = barrier(2);
      // a fresh partner each attempt, which waits longer before it checks for deadlocks: so the
      // database always picks the transaction under test as the victim
      partners.push(
        db.$transaction(async (p) => {
          await p.$executeRawUnsafe("SET LOCAL deadlock_timeout = '10s'");
          await bump(p, b);
          gate.arrive();
          await gate.opened;
          await bump(p, a);
        }, LOADED_MACHINE),
      );
      await bump(tx, a);
      gate.arrive();
      await gate.opened;
      await bump(tx, b);
    }, LOADED_MACHINE).catch((e: unknown) => e);
    await Promise.all(partners);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "service_unavailable", status: 503, headers: { "Retry-After": "1" } });
    expect(attempts).toBe(6);
    expect(await counts(a, b)).toEqual([6, 6]); // only the partners' writes
  }, 60_000);
});
