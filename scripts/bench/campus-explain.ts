// `--explain` for the campus scenario: the query plans of the hot queries, on the campus database
// after the minute. The queries are the ones the app really sends: the use cases run in this
// process on a Prisma client that logs every statement (built as lib/db.ts builds the app's), and
// each distinct statement is explained with the values it was sent with — SQLite's EXPLAIN QUERY
// PLAN, PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) for reads and plain EXPLAIN for writes (not run).
// The report-version trigger's UPDATE, which runs inside every mark's INSERT, is explained too.
// Each plan ends with one line: the indexes it uses, or the tables it reads in full.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { userForSession } from "../../lib/auth/authenticate";
import { markAttendance } from "../../lib/attendance/mark-attendance";
import { myAttendance } from "../../lib/attendance/my-attendance";
import { systemClock } from "../../lib/clock";
import type { Config } from "../../lib/config";
import type { Ctx } from "../../lib/context";
import { courseReport } from "../../lib/courses/course-report";
import { providerOf, type Db } from "../../lib/db";
import { sqliteFileOf } from "../../lib/db-url";
import { issueQrSession } from "../../lib/qr/issue-qr-session";
import { cryptoRandom, shortId } from "../../lib/random";
import { campusIds, type CampusPlan } from "./campus-plan";
import type { SeededUser } from "./seed";

interface Captured {
  phase: string;
  sql: string;
  params: unknown[];
}

/** The app's client with its statements logged (lib/db.ts createDb, plus Prisma's query log). */
async function loggingDb(url: string, onQuery: (sql: string, params: string) => void): Promise<Db> {
  const log = [{ emit: "event" as const, level: "query" as const }];
  type Logged = { $on(event: "query", cb: (e: { query: string; params: string }) => void): void };
  if (providerOf(url) === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import("../../generated/postgresql/client"), import("@prisma/adapter-pg")]);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log });
    (db as unknown as Logged).$on("query", (e) => onQuery(e.query, e.params));
    return db as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([import("../../generated/sqlite/client"), import("@prisma/adapter-better-sqlite3")]);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }), log });
  (db as unknown as Logged).$on("query", (e) => onQuery(e.query, e.params));
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db as unknown as Db;
}

const SKIP = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|SET |DEALLOCATE)/i;
const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql);

/**
 * SQLite: "SCAN t" without an index is a full scan of t (a CTE's or subquery's own rows are not
 * tables). The plan of an INSERT lists only the foreign-key check of rows pointing at the new row,
 * which SQLite runs only when the statement itself left a violation pending (OP_FkIfZero), so never
 * on these paths.
 */
function sqliteVerdict(sql: string, details: string[], tables: Set<string>): string {
  if (/^\s*INSERT\b/i.test(sql)) return details.length ? "a write; the lines above are SQLite's check for rows pointing at the new row, run only when the statement broke a foreign key (never here)" : "a write";
  const used = new Set<string>();
  const full = new Set<string>();
  for (const d of details) {
    const index = /USING (?:COVERING )?INDEX (\S+)|USING (INTEGER )?PRIMARY KEY/.exec(d);
    if (index) used.add(index[1] ?? "primary key");
    const scan = /^SCAN (\S+)(?: AS \S+)?$/.exec(d.trim());
    if (scan && tables.has(scan[1]!)) full.add(scan[1]!);
  }
  return verdict(used, full);
}

/** PostgreSQL: "Seq Scan on t" is a full scan of t. */
function pgVerdict(lines: string[]): string {
  const used = new Set<string>();
  const full = new Set<string>();
  for (const l of lines) {
    const index = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/.exec(l);
    if (index) used.add(index[1]!);
    const seq = /Seq Scan on (\S+)/.exec(l);
    if (seq) full.add(seq[1]!);
  }
  return verdict(used, full);
}

function verdict(used: Set<string>, full: Set<string>): string {
  const parts = [];
  if (used.size) parts.push(`index: ${[...used].join(", ")}`);
  if (full.size) parts.push(`FULL SCAN: ${[...full].join(", ")}`);
  return parts.length ? parts.join("; ") : "no table read";
}

const short = (sql: string) => sql.replace(/\s+/g, " ").replace(/"public"\.|`main`\./g, "").slice(0, 240);

export interface ExplainTarget {
  plan: CampusPlan;
  run: string;
  /** the hall whose course's report and live session are used */
  hall: number;
  liveEventId: string;
  reader: SeededUser;
  lecturer: SeededUser;
}

export async function explainHotQueries(config: Config, target: ExplainTarget): Promise<void> {
  const url = config.DATABASE_URL;
  const captured: Captured[] = [];
  let phase = "";
  const db = await loggingDb(url, (sql, params) => {
    if (!phase || SKIP.test(sql)) return;
    let values: unknown[] = [];
    try {
      values = JSON.parse(params) as unknown[];
    } catch {
      /* not JSON: explain without values */
    }
    if (!captured.some((c) => c.phase === phase && c.sql === sql)) captured.push({ phase, sql, params: values });
  });
  const ids = campusIds(target.run);
  const ctx: Ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "127.9.0.2", userAgent: "rollcall-bench explain", deviceId: null, requestId: randomUUID() };
  try {
    const session = await db.authSession.findFirstOrThrow({ where: { userId: target.reader.id }, select: { id: true } });
    // a session of the hall's course of its own, so the mark below is a first mark (the full write path)
    const t = Date.now();
    const event = await db.event.create({
      data: { id: shortId(cryptoRandom), title: "Explain session", startsAt: new Date(t - 60_000), endsAt: new Date(t + 3_600_000), courseId: ids.course(target.hall), createdById: target.lecturer.id, checkinOpenedAt: new Date(t - 60_000) },
      select: { id: true },
    });
    phase = "authenticate (every request)";
    const user = await userForSession(ctx, session.id, target.reader.id);
    phase = "QR code issued (each projector, every rotation)";
    const code = await issueQrSession(ctx, target.lecturer.id, event.id);
    phase = "mark (POST /api/attendance/mark)";
    await markAttendance(ctx, user, { qr_payload: code.qr_payload });
    phase = "term report (GET /api/courses/{id}/report, a build)";
    await courseReport(ctx, ids.course(target.hall));
    phase = "student home (GET /api/attendance/me)";
    await myAttendance(ctx, target.reader.id);
    phase = "";
  } finally {
    await db.$disconnect();
  }
  const pgTrigger = `UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = (SELECT "course_id" FROM "events" WHERE "id" = $1)`;
  const afterMark = captured.findLastIndex((c) => c.phase.startsWith("mark")) + 1;
  captured.splice(afterMark, 0, { phase: "mark (POST /api/attendance/mark)", sql: providerOf(url) === "postgresql" ? `/* the report-version trigger, at commit */ ${pgTrigger}` : `/* the report-version trigger, in the INSERT */ ${pgTrigger.replace("$1", "?")}`, params: [target.liveEventId] });

  console.log(`\nEXPLAIN of the hot queries (${captured.length} distinct statements, ${providerOf(url)}):`);
  if (providerOf(url) === "sqlite") {
    const sqlite = new Database(sqliteFileOf(url), { fileMustExist: true });
    const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    try {
      let last = "";
      for (const c of captured) {
        if (c.phase !== last) console.log(`\n## ${(last = c.phase)}`);
        const bind = c.params.map((v) => (typeof v === "boolean" ? Number(v) : v === null || ["string", "number", "bigint"].includes(typeof v) ? v : JSON.stringify(v)));
        const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...bind) as { id: number; parent: number; detail: string }[];
        const depth = new Map<number, number>([[0, 0]]);
        const details = rows.map((r) => {
          depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
          return `${"  ".repeat(depth.get(r.id)!)}${r.detail}`;
        });
        console.log(`- ${short(c.sql)}\n${details.join("\n") || "  (no table read)"}\n  → ${sqliteVerdict(c.sql, rows.map((r) => r.detail), tables)}`);
      }
    } finally {
      sqlite.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let last = "";
      for (const c of captured) {
        if (c.phase !== last) console.log(`\n## ${(last = c.phase)}`);
        const analyze = isRead(c.sql);
        const values = c.params.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v));
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${analyze ? "(ANALYZE, BUFFERS) " : ""}${c.sql}`, values);
        const lines = rows.map((r) => r["QUERY PLAN"]);
        console.log(`- ${short(c.sql)}\n${lines.map((l) => `  ${l}`).join("\n")}\n  → ${pgVerdict(lines)}`);
      }
    } finally {
      await client.end();
    }
  }
}
