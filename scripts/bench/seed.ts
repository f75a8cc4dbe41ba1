// Seeds the benchmark's database directly (fast: one bcrypt hash shared by every account):
// one admin, N approved students with API sessions, and an event running now.
import { randomUUID } from "node:crypto";
import { hashPassword } from "../../lib/auth/password";
import { createSession, issueTokenPair } from "../../lib/auth/sessions";
import { systemClock } from "../../lib/clock";
import { parseConfig } from "../../lib/config";
import type { Ctx } from "../../lib/context";
import { createDb, type Db } from "../../lib/db";
import { cryptoRandom, shortId } from "../../lib/random";

export const BENCH_PASSWORD = "Bench-Lecture-Hall-77!";

export interface SeededUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

export interface Seed {
  db: Db;
  admin: SeededUser;
  students: SeededUser[];
  eventId: string;
}

export async function seed(env: Record<string, string>, students: number, label: string): Promise<Seed> {
  const config = parseConfig(env);
  const db = await createDb(config.DATABASE_URL);
  const ctx: Ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "127.0.0.1", userAgent: "rollcall-bench", deviceId: null, requestId: randomUUID() };
  const passwordHash = await hashPassword(BENCH_PASSWORD, config.BCRYPT_ROUNDS);
  const run = randomUUID().slice(0, 6);

  const makeUser = async (role: "admin" | "student", i: number): Promise<SeededUser> => {
    const email = `${role}${i}.${label}.${run}@bench.rollcall.test`;
    const user = await db.user.create({ data: { email, passwordHash, fullName: `Bench ${role} ${i}`, role, status: "active" }, select: { id: true } });
    const session = await createSession(ctx, db, { id: user.id, role });
    const pair = await issueTokenPair(ctx, db, { id: user.id, role }, session.id);
    return { id: user.id, email, accessToken: pair.access_token, refreshToken: pair.refresh_token };
  };

  const admin = await makeUser("admin", 0);
  const seeded: SeededUser[] = [];
  for (let i = 0; i < students; i++) seeded.push(await makeUser("student", i + 1));

  const result: Seed = { db, admin, students: seeded, eventId: "" };
  result.eventId = await createBenchEvent(result, `lecture ${label}`);
  return result;
}

/** A fresh event with check-in open, so each scenario marks on its own event. */
export async function createBenchEvent(seed: Seed, label: string): Promise<string> {
  const now = Date.now();
  const event = await seed.db.event.create({
    data: {
      id: shortId(cryptoRandom),
      title: `Bench ${label}`,
      location: "Hall A",
      startsAt: new Date(now - 5 * 60_000),
      endsAt: new Date(now + 3 * 3600_000),
      lateAfterMinutes: 60,
      createdById: seed.admin.id,
      checkinOpenedAt: new Date(now - 60_000),
    },
    select: { id: true },
  });
  return event.id;
}

/** Attendance rows per (user, event) beyond one: must be zero. `eventIds`: only in these events (a big database). */
export async function countDuplicates(db: Db, eventIds?: string[]): Promise<number> {
  const rows = await db.attendanceRecord.groupBy({ by: ["userId", "eventId"], ...(eventIds && { where: { eventId: { in: eventIds } } }), _count: { _all: true } });
  return rows.reduce((sum, r) => sum + Math.max(0, r._count._all - 1), 0);
}
