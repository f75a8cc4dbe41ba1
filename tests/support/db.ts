// Direct database access and use-case contexts for integration tests, on the same database
// the test server uses: to arrange state, call use cases with an injected clock, and check
// what was (not) written.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { systemClock, type Clock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { createDb, type Db } from "@/lib/db";
import { cryptoRandom } from "@/lib/random";

let dbPromise: Promise<Db> | undefined;

export function testDb(): Promise<Db> {
  dbPromise ??= createDb(inject("serverEnv").DATABASE_URL);
  return dbPromise;
}

export function testConfig() {
  return parseConfig({ ...inject("serverEnv"), APP_ENV: "test" });
}

export async function testCtx(overrides: Partial<Ctx> & { clock?: Clock } = {}): Promise<Ctx> {
  return {
    db: await testDb(),
    clock: systemClock,
    random: cryptoRandom,
    config: testConfig(),
    ip: "127.9.9.9",
    userAgent: "vitest",
    deviceId: null,
    requestId: randomUUID(),
    ...overrides,
  };
}

export const uniqueEmail = (label = "user") => `${label}.${randomUUID().slice(0, 8)}@example.edu`;
