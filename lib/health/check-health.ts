import type { Db } from "../db";
import { getDb } from "../db";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
}

/** Reachability of the database: one trivial query. Never throws. */
export async function checkHealth(getDatabase: () => Promise<Db> = getDb): Promise<Health> {
  try {
    const db = await getDatabase();
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "degraded", database: "unreachable" };
  }
}
