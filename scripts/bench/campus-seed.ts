// Seeds the campus year (campus-plan.ts) straight into a migrated, empty database before any
// server opens it: SQLite through better-sqlite3 (campus-seed-sqlite.ts), PostgreSQL with
// INSERT … SELECT over generate_series (campus-seed-postgresql.ts). Prints each step's time, checks
// every table's row count against the plan and reports the database's size on disk.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "../../lib/db";
import { sqliteFileOf } from "../../lib/db-url";
import { CODES_PER_SESSION, WEEKS, expectedCounts, yearStart, type CampusPlan } from "./campus-plan";
import { seedCampusPostgresql } from "./campus-seed-postgresql";
import { seedCampusSqlite } from "./campus-seed-sqlite";

export interface CampusSeedInput {
  plan: CampusPlan;
  /** 7 lower-case alphanumerics in every id of this run */
  run: string;
  /** epoch ms of the year's first Monday (campus-plan.ts yearStart) */
  start: number;
  /** one bcrypt hash for every account (BENCH_PASSWORD) */
  passwordHash: string;
}

/** Runs one seeding step and prints how long it took. */
export type Step = (label: string, fn: () => unknown) => Promise<void>;

export interface CampusSeeded {
  run: string;
  start: number;
  seconds: number;
  steps: { label: string; seconds: number }[];
  rows: Record<string, number>;
  sizeBytes: number;
}

const RUN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** The database's size on disk: SQLite's file with its -wal and -shm, PostgreSQL's pg_database_size. */
export async function databaseSize(url: string): Promise<number> {
  if (providerOf(url) === "sqlite") {
    const file = sqliteFileOf(url);
    return ["", "-wal", "-shm"].reduce((n, suffix) => n + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
    return Number(rows[0]!.size);
  } finally {
    await client.end();
  }
}

const COUNTED = ["users", "courses", "events", "qr_sessions", "enrollments", "attendance_records", "low_attendance_alerts", "notifications", "audit_logs"] as const;

async function countRows(url: string): Promise<Record<string, number>> {
  const sql = `SELECT ${COUNTED.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`).join(", ")}`;
  if (providerOf(url) === "sqlite") {
    const db = new Database(sqliteFileOf(url), { readonly: true });
    try {
      return Object.fromEntries(Object.entries(db.prepare(sql).get() as Record<string, number>).map(([k, v]) => [k, Number(v)]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(sql);
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
}

/** What the plan says each table must hold (campus-seed-*.ts write exactly these rows). */
export function expectedRows(plan: CampusPlan): Record<(typeof COUNTED)[number], number> {
  const n = expectedCounts(plan);
  const courses = plan.courses.length;
  const sessions = courses * WEEKS;
  const codes = sessions * CODES_PER_SESSION;
  return {
    users: 1 + plan.staff + plan.students,
    courses,
    events: sessions,
    qr_sessions: codes,
    enrollments: n.enrolments,
    attendance_records: n.marks,
    low_attendance_alerts: n.warnings,
    notifications: n.excused + n.warnings,
    // per course: created, sessions created, roster imported; per session: check-in started and
    // stopped, each code issued; per excuse, join, drop and warning
    audit_logs: courses * 3 + sessions * 2 + codes + n.excused + n.joined + n.dropped + n.warnings,
  };
}

export async function seedCampusDatabase(url: string, plan: CampusPlan, passwordHash: string): Promise<CampusSeeded> {
  const run = Array.from({ length: 7 }, () => RUN_ALPHABET[Math.floor(Math.random() * RUN_ALPHABET.length)]).join("");
  const input: CampusSeedInput = { plan, run, start: yearStart(Date.now()), passwordHash };
  const steps: CampusSeeded["steps"] = [];
  const step: Step = async (label, fn) => {
    const t = performance.now();
    await fn();
    const seconds = (performance.now() - t) / 1000;
    steps.push({ label, seconds });
    console.log(`campus seed: ${label}: ${seconds.toFixed(1)} s`);
  };
  const t0 = performance.now();
  if (providerOf(url) === "sqlite") await seedCampusSqlite(sqliteFileOf(url), input, step);
  else await seedCampusPostgresql(url, input, step);
  const seconds = (performance.now() - t0) / 1000;
  const rows = await countRows(url);
  const expected = expectedRows(plan);
  const wrong = COUNTED.filter((t) => rows[t] !== expected[t]);
  if (wrong.length) throw new Error(`the campus seed wrote other row counts than planned: ${wrong.map((t) => `${t} ${rows[t]} (planned ${expected[t]})`).join(", ")}`);
  const sizeBytes = await databaseSize(url);
  console.log(`campus seed: ${COUNTED.map((t) => `${t} ${rows[t]!.toLocaleString("en")}`).join(", ")} (as planned)`);
  console.log(`campus seed: done in ${seconds.toFixed(1)} s; database size on disk ${gib(sizeBytes)}`);
  return { run, start: input.start, seconds, steps, rows, sizeBytes };
}
