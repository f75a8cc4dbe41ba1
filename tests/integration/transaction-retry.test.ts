// SQLite refuses a deferred transaction's read→write upgrade at once (no busy_timeout waits it
// out) when another connection committed since its read; Prisma's adapter reports that as P1008
// "Operation has timed out" on a model write. Every interactive transaction is re-run then
// (lib/transact.ts via lib/db.ts), so a burst of imports and marks never answers 500. A real,
// migrated SQLite file and two real clients (whichever database the suite runs on).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "../support/test-server";

let database: TestDatabase;
let a: Db;
let b: Db;
beforeAll(async () => {
  database = await createTestDatabase("sqlite", "busy");
  [a, b] = [await createDb(database.url), await createDb(database.url)];
});
afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
  await database?.drop();
});

describe("a transaction another connection overtook (SQLite)", () => {
  it("after another connection committed since its read: run again, its write on top of the other one", async () => {
    const user = await a.user.create({ data: { email: "overtaken@example.edu", fullName: "Before", passwordHash: "x", role: "student", status: "active" } });
    let attempts = 0;
    const seen = await a.$transaction(async (tx) => {
      attempts++;
      const read = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { fullName: true } });
      // the other connection commits between this transaction's read and its write, once
      if (attempts === 1) await b.user.update({ where: { id: user.id }, data: { fullName: "Other" } });
      await tx.user.update({ where: { id: user.id }, data: { fullName: `${read.fullName} + mine` } });
      return read.fullName;
    });
    expect(attempts).toBe(2);
    expect(seen).toBe("Other");
    expect((await b.user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe("Other + mine");
  });

  it("while another connection holds the write lock (SQLITE_BUSY at once, reported as P1008): run again once it is released", async () => {
    const user = await a.user.create({ data: { email: "waiting@example.edu", fullName: "Before", passwordHash: "x", role: "student", status: "active" } });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const writing = new Promise<void>((r) => (wrote = r));
    // the other connection writes and keeps its transaction open until this one has been refused
    const other = b.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { fullName: "Other" } });
      wrote();
      await released;
    });
    const errors: unknown[] = [];
    let attempts = 0;
    await a.$transaction(async (tx) => {
      attempts++;
      const read = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { fullName: true } });
      await writing;
      try {
        await tx.user.update({ where: { id: user.id }, data: { fullName: `${read.fullName} + mine` } });
      } catch (error) {
        errors.push(error);
        release();
        throw error;
      }
    });
    await other;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect((errors[0] as { code?: string }).code).toBe("P1008");
    expect((await b.user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe("Other + mine");
  });
});
