// docs/operations.md as printed: every `sql` block runs, in a console opened the way the page
// says (the quick reference's temporary views), against a fresh database whose answers are
// known — including a failed login two hours old that the last-hour query must not count — and
// `npm run approvals` decides through the panel's use case, audited the same way.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createTestDatabase, ROOT, type TestDatabase } from "../support/test-server";

const provider = inject("provider");
const MINUTE = 60_000;

interface Block {
  db: "sqlite" | "postgresql";
  id: string;
  sql: string;
}

/** The fenced ```sql <db> <id> blocks of docs/operations.md. */
function documentedQueries(): Block[] {
  const text = fs.readFileSync(path.join(ROOT, "docs/operations.md"), "utf8");
  return [...text.matchAll(/^```sql ([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => {
    const [db, id, ...rest] = m[1]!.trim().split(/\s+/);
    if ((db !== "sqlite" && db !== "postgresql") || !id || rest.length) throw new Error(`docs/operations.md: a sql block must say "sql <sqlite|postgresql> <id>", not ${JSON.stringify(m[1])}`);
    return { db, id, sql: m[2]!.trim() };
  });
}

type Row = Record<string, unknown>;

/** A console as an operator opens it: the quick reference's views loaded, then a query at a time. */
async function openConsole(db: TestDatabase): Promise<{ query(sql: string): Promise<Row[]>; close(): Promise<void> }> {
  const views = fs.readFileSync(path.join(ROOT, `scripts/sql/quick-reference.${db.provider}.sql`), "utf8");
  if (db.provider === "sqlite") {
    const conn = new Database(db.url.replace(/^file:/, ""));
    conn.exec(views);
    return { query: async (sql) => conn.prepare(sql).all() as Row[], close: async () => void conn.close() };
  }
  const conn = new pg.Client({ connectionString: db.url });
  await conn.connect();
  await conn.query(views);
  return { query: async (sql) => (await conn.query(sql)).rows as Row[], close: () => conn.end() };
}

let fresh: TestDatabase;
let prisma: Db;
const now = Date.now();
const at = (ms: number) => new Date(now + ms);
const ids = { ada: "", bobRequest: "", cyRequest: "" };

async function seed(db: Db) {
  const user = (name: string, status: "active" | "pending") =>
    db.user.create({ data: { email: `${name.toLowerCase()}@ops.example.edu`, passwordHash: "x", fullName: name, role: "student", status } });
  const ada = await user("Ada", "active");
  const bob = await user("Bob", "pending");
  const cy = await user("Cy", "pending");
  const dee = await user("Dee", "active");
  ids.ada = ada.id;
  ids.bobRequest = (await db.approvalRequest.create({ data: { userId: bob.id, status: "pending", requestedAt: at(-MINUTE), expiresAt: at(2 * MINUTE) } })).id;
  // still "pending" in the table, but its time ran out: not waiting any more
  ids.cyRequest = (await db.approvalRequest.create({ data: { userId: cy.id, status: "pending", requestedAt: at(-10 * MINUTE), expiresAt: at(-7 * MINUTE) } })).id;
  await db.approvalRequest.create({ data: { userId: dee.id, status: "approved", requestedAt: at(-60 * MINUTE), expiresAt: at(-57 * MINUTE), decidedAt: at(-58 * MINUTE), approvedRole: "student" } });

  const event = await db.event.create({ data: { id: "ev_ops_algorithms", title: "Ops Algorithms", startsAt: at(-30 * MINUTE), endsAt: at(60 * MINUTE) } });
  await db.attendanceRecord.create({ data: { userId: ada.id, eventId: event.id, markedAt: at(-10 * MINUTE), status: "present", method: "scan" } });
  await db.attendanceRecord.create({ data: { userId: dee.id, eventId: event.id, markedAt: at(-5 * MINUTE), status: "late", method: "scan" } });
  const code = (id: string, expiresIn: number, revoked: boolean) =>
    db.qrSession.create({ data: { id, eventId: event.id, nonce: `nonce_${id}`, shortCode: id.slice(-6).toUpperCase(), issuedAt: at(expiresIn - MINUTE), expiresAt: at(expiresIn), revokedAt: revoked ? at(-1000) : null } });
  await code("qr_live", 50_000, false);
  await code("qr_revoked", 50_000, true);
  await code("qr_expired", -10_000, false);

  const audit = (action: string, ip: string, ago: number, details = "{}") => db.auditLog.create({ data: { action, ipAddress: ip, createdAt: at(-ago), details } });
  for (let i = 0; i < 6; i++) await audit("login_failed", "203.0.113.7", (5 + i) * MINUTE); // 6 in the last hour: suspicious
  await audit("login_failed", "203.0.113.7", 2 * 60 * MINUTE); // two hours old: not counted
  for (let i = 0; i < 6; i++) await audit("login_failed", "198.51.100.9", 2 * 60 * MINUTE + i * MINUTE); // all two hours old
  for (let i = 0; i < 5; i++) await audit("login_failed", "192.0.2.1", (1 + i) * MINUTE); // 5: not more than 5
  await audit("login_ok", "203.0.113.7", MINUTE);
  await audit("attendance_failed", "192.0.2.50", 3 * MINUTE, '{"reason":"qr_expired"}');
  await audit("attendance_failed", "192.0.2.51", 2 * MINUTE, '{"reason":"qr_invalid_signature"}');
}

/** What each documented query must answer on the fixture. */
const EXPECTED: Record<string, (rows: Row[]) => void> = {
  "pending-approvals": (rows) => {
    expect(rows.map((r) => r.id)).toEqual([ids.bobRequest]);
  },
  "recent-attendance": (rows) => {
    expect(rows.map((r) => [r.full_name, r.title])).toEqual([["Dee", "Ops Algorithms"], ["Ada", "Ops Algorithms"]]);
  },
  "suspicious-ips": (rows) => {
    expect(rows.map((r) => [r.ip_address, Number(r.attempts)])).toEqual([["203.0.113.7", 6]]);
  },
  "active-qr-sessions": (rows) => {
    expect(rows.map((r) => [r.id, r.title])).toEqual([["qr_live", "Ops Algorithms"]]);
  },
  "attendance-failures": (rows) => {
    expect(rows.map((r) => [r.ip_address, r.details])).toEqual([["192.0.2.51", '{"reason":"qr_invalid_signature"}'], ["192.0.2.50", '{"reason":"qr_expired"}']]);
  },
};

beforeAll(async () => {
  fresh = await createTestDatabase(provider, "ops");
  prisma = await createDb(fresh.url);
  await seed(prisma);
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await fresh?.drop();
});

describe(`docs/operations.md queries (${provider})`, () => {
  const blocks = documentedQueries();

  it("documents each of the quick reference's five queries for both databases", () => {
    for (const db of ["sqlite", "postgresql"] as const) {
      expect(blocks.filter((b) => b.db === db).map((b) => b.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    }
  });

  it.each(blocks.filter((b) => b.db === provider).map((b) => [b.id, b] as const))("%s answers as documented", async (_id, block) => {
    const console = await openConsole(fresh);
    try {
      EXPECTED[block.id]!(await console.query(block.sql));
    } finally {
      await console.close();
    }
  });

  it("the views expose every column of the tables they shadow, plus is_active and is_revoked", async () => {
    const console = await openConsole(fresh);
    try {
      for (const table of ["users", "approval_requests", "events", "qr_sessions", "attendance_records", "audit_logs"]) {
        const raw = provider === "sqlite" ? `main.${table}` : `public.${table}`;
        const columns = async (from: string) => {
          const rows = provider === "sqlite" ? await console.query(`SELECT name FROM pragma_table_info('${from.split(".").pop()}', '${from.includes(".") ? from.split(".")[0] : "temp"}')`) : await console.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' AND table_schema ${from.includes(".") ? "= 'public'" : "LIKE 'pg_temp%'"}`);
          return rows.map((r) => String(r.name)).sort();
        };
        const viewColumns = await columns(table);
        for (const column of await columns(raw)) expect(viewColumns, `${table}.${column}`).toContain(column);
      }
      expect((await console.query("SELECT email, is_active FROM users ORDER BY email")).map((r) => Number(r.is_active))).toEqual([1, 0, 0, 1]);
    } finally {
      await console.close();
    }
  });
});

describe(`npm run approvals (${provider})`, () => {
  const run = async (...args: string[]) => {
    const env = { ...process.env, ...inject("serverEnv"), DATABASE_URL: fresh.url };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/approvals.ts", ...args], { cwd: ROOT, env });
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };

  it("lists, approves and rejects through the panel's use case, audited and notified the same way", async () => {
    const pending = await prisma.user.create({ data: { email: "eve@ops.example.edu", passwordHash: "x", fullName: "Eve", status: "pending" } });
    const request = await prisma.approvalRequest.create({ data: { userId: pending.id, status: "pending", requestedAt: at(0), expiresAt: new Date(Date.now() + 3 * MINUTE) } });
    const listed = await run("list");
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(request.id);
    expect(listed.out).toContain("eve@ops.example.edu");
    expect(listed.out).not.toContain(ids.cyRequest);

    expect(await run("approve", request.id, "--role", "student")).toMatchObject({ code: 0, out: expect.stringContaining("approved: eve@ops.example.edu as student") });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "active", role: "student" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: request.id } });
    expect(audit).toMatchObject({ actorId: null, ipAddress: "cli", userAgent: "rollcall-cli" });
    expect(JSON.parse(audit.details)).toMatchObject({ decision: "approved", approved_role: "student", user_id: pending.id });
    expect(await prisma.notification.count({ where: { userId: pending.id, type: "approval_decided" } })).toBe(1);

    // decided once: a second decision, or one on an expired request, is refused with its code
    expect(await run("reject", request.id)).toMatchObject({ code: 1, out: expect.stringContaining("approval_already_decided") });
    expect(await run("approve", ids.cyRequest, "--role", "student")).toMatchObject({ code: 1, out: expect.stringContaining("approval_expired") });
    expect(await run("approve", ids.bobRequest, "--role", "teacher")).toMatchObject({ code: 1, out: expect.stringContaining("validation_failed") });
    expect(await run("reject", ids.bobRequest, "--reason", "not enrolled")).toMatchObject({ code: 0, out: expect.stringContaining("rejected") });
    expect(await prisma.approvalRequest.findUniqueOrThrow({ where: { id: ids.bobRequest } })).toMatchObject({ status: "rejected", reason: "not enrolled" });
  }, 120_000); // six CLI runs, each a fresh tsx process
});
