// A use-case context on a test's own database and server (a file that starts its own app server
// instead of the shared one): the server's settings, a connection of its own, the real clock.
import { randomUUID } from "node:crypto";
import { systemClock } from "@/lib/clock";
import { parseConfig } from "@/lib/config";
import type { Ctx } from "@/lib/context";
import { createDb, type Db } from "@/lib/db";
import { cryptoRandom } from "@/lib/random";
import type { ServerEnv } from "./test-server";

export async function ctxFor(databaseUrl: string, env: ServerEnv): Promise<Ctx & { db: Db }> {
  return {
    db: await createDb(databaseUrl),
    clock: systemClock,
    random: cryptoRandom,
    config: parseConfig({ ...env, APP_ENV: "test" }),
    ip: "127.0.0.1",
    userAgent: "vitest",
    deviceId: null,
    requestId: randomUUID(),
  };
}
