// Accounts made before verified signups existed count as verified (docs/authentication.md): the
// migration that adds users.email_verified_at sets it to created_at for every existing row. Run
// the real migration files, in order, on a scratch database of the suite's provider — the ones
// before it, then a user, then it — and read the row back.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createTestDatabase, ROOT } from "../support/test-server";

const provider = inject("provider");
const MIGRATION = "_verified_identity";

function migrationsUpTo(name: string): { before: string[]; it: string } {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  const all = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql"))).sort();
  const at = all.findIndex((d) => d.endsWith(name));
  if (at < 0) throw new Error(`no ${name} migration for ${provider}`);
  const read = (d: string) => fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8");
  return { before: all.slice(0, at).map(read), it: read(all[at]!) };
}

describe(`the verified-identity migration (${provider})`, () => {
  it("marks every account that existed before it as verified, at its creation time", async () => {
    const { before, it: migration } = migrationsUpTo(MIGRATION);
    const db = await createTestDatabase(provider, "migration", { migrated: false });
    const created = "2026-09-01T08:30:00.000Z";
    try {
      if (provider === "sqlite") {
        const file = db.url.replace(/^file:/, "");
        const conn = new Database(file);
        for (const sql of before) conn.exec(sql);
        conn.prepare(`INSERT INTO users (id, email, password_hash, full_name, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'student', 'active', ?, ?)`)
          .run("u_before", "before@example.edu", "$2b$04$hash", "Before Person", Date.parse(created), Date.parse(created));
        conn.exec(migration);
        const row = conn.prepare(`SELECT email_verified_at, created_at, must_change_password FROM users WHERE id = ?`).get("u_before") as Record<string, unknown>;
        conn.close();
        expect(row.email_verified_at).toBe(row.created_at);
        expect(row.must_change_password).toBe(0);
      } else {
        const conn = new pg.Client({ connectionString: db.url });
        await conn.connect();
        try {
          for (const sql of before) await conn.query(sql);
          await conn.query(`INSERT INTO users (id, email, password_hash, full_name, role, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'student', 'active', $5, $5)`, [
            "u_before", "before@example.edu", "$2b$04$hash", "Before Person", created,
          ]);
          await conn.query(migration);
          const { rows } = await conn.query(`SELECT email_verified_at, created_at, must_change_password FROM users WHERE id = $1`, ["u_before"]);
          expect(rows[0].email_verified_at).toBeInstanceOf(Date);
          expect(rows[0].email_verified_at.getTime()).toBe(rows[0].created_at.getTime());
          expect(rows[0].must_change_password).toBe(false);
        } finally {
          await conn.end();
        }
      }
    } finally {
      await db.drop();
    }
  });
});
