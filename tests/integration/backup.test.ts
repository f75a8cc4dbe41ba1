// db:backup while another process writes, then db:restore and db:verify on the copy; file modes,
// failed backups and the restored backup history; and secrets:rotate-qr. Runs the real CLIs
// against a database of their own (rotation revokes every live code, which must not disturb
// other test files).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { sqliteFileOf } from "@/lib/db-url";
import { modeOf } from "@/lib/security/private-files";
import { qrKeyId } from "@/lib/qr/token";
import { ROOT, createTestDatabase, migrate, testSecrets, type TestDatabase } from "../support/test-server";

const run = promisify(execFile);
const provider = inject("provider");
let source: TestDatabase;
let db: Db;
let dir: string;
const secrets = testSecrets();

function cli(script: string, args: string[], databaseUrl: string, env: Record<string, string> = {}) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join("scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...secrets, DATABASE_URL: databaseUrl, APP_ENV: "test", LOG_LEVEL: "warn", ...env },
    maxBuffer: 8 << 20,
  });
}

const backupOutput = (stdout: string) => JSON.parse(stdout.slice(stdout.indexOf("{"))) as { file: string; verified: boolean };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-backup-test-"));
  source = await createTestDatabase(provider, "backup");
  db = await createDb(source.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await source?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`backups (${provider})`, () => {
  it("a backup taken during concurrent writes restores to a consistent database that passes verify", async () => {
    const user = await db.user.create({ data: { email: `${randomUUID()}@example.edu`, fullName: "Writer", passwordHash: "x" } });
    const marker = `bk-${randomUUID().slice(0, 8)}`;
    let written = 0;
    let stop = false;
    // Each step writes a pair in ONE transaction; a consistent snapshot has equal halves.
    const writer = (async () => {
      while (!stop) {
        await db.$transaction(async (tx) => {
          await tx.auditLog.create({ data: { action: "user_created", targetType: marker, targetId: String(written), details: "{}" } });
          await tx.notification.create({ data: { userId: user.id, type: marker, title: `#${written}` } });
        });
        written++;
        // SQLite's driver resolves synchronously: yield so timers and the child's I/O still run.
        await new Promise((r) => setImmediate(r));
      }
    })();
    let before = 0;
    let after = 0;
    let backup: { stdout: string };
    try {
      while (written < 20) await new Promise((r) => setTimeout(r, 10));
      before = written;
      backup = await cli("db-backup.ts", ["--out", dir], source.url);
      after = written;
    } finally {
      stop = true;
      await writer;
    }
    expect(after).toBeGreaterThan(before); // the writer really ran during the backup

    const out = backupOutput(backup.stdout);
    expect(out.verified).toBe(true);
    expect(fs.existsSync(out.file)).toBe(true);
    expect(modeOf(out.file)).toBe(0o600); // it holds password hashes
    expect(modeOf(dir)).toBe(0o700);
    // named after the database's installation id (docs/deployment.md#backups)
    const installation = (await db.installation.findFirstOrThrow()).id;
    expect(path.basename(out.file)).toMatch(provider === "sqlite" ? new RegExp(`^rollcall-sqlite\\.${installation}\\.\\d{8}T\\d{9}Z\\.db$`) : new RegExp(`^rollcall-postgresql\\.${installation}\\.\\d{8}T\\d{9}Z\\.dump$`));

    const verify = await cli("db-verify.ts", [out.file], source.url);
    const report = JSON.parse(verify.stdout) as { ok: boolean; counts: Record<string, number>; problems: string[] };
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.counts.users).toBeGreaterThanOrEqual(1);

    const target = await createTestDatabase(provider, "restored");
    try {
      await cli("db-restore.ts", [out.file], target.url);
      const restored = await createDb(target.url);
      try {
        const audits = await restored.auditLog.count({ where: { targetType: marker } });
        const notes = await restored.notification.count({ where: { type: marker } });
        expect(audits).toBe(notes);
        expect(audits).toBeGreaterThanOrEqual(before);
        expect(audits).toBeLessThanOrEqual(written);
        expect(await restored.auditLog.count({ where: { action: "backup_restored" } })).toBe(1);
        expect(await restored.user.findUnique({ where: { id: user.id }, select: { fullName: true } })).toEqual({ fullName: "Writer" });
        // The copy was taken while its own run was in progress; restored, that run shows as the success it was.
        const runs = await restored.backupRun.findMany({ orderBy: { startedAt: "desc" } });
        expect(runs[0]).toMatchObject({ ok: true, file: out.file, error: null });
        expect(runs[0]!.finishedAt).not.toBeNull();
        expect(runs.filter((r) => r.finishedAt === null)).toEqual([]);
        // another database: the copy is a new installation that remembers where it came from
        const identity = await restored.installation.findFirstOrThrow();
        expect(identity.id).not.toBe(installation);
        expect(identity).toMatchObject({ restoredFrom: installation, restoredAt: expect.any(Date) });
      } finally {
        await restored.$disconnect();
      }
      // so it refuses the original's backup folder, saying whose backups are there
      const refused = await cli("db-backup.ts", ["--out", dir], target.url).then(
        () => "",
        (e: { stderr: string }) => e.stderr,
      );
      expect(refused).toMatch(new RegExp(`Refusing to back up into .*of installation ${installation}`));
      expect(fs.readdirSync(dir).filter((f) => !f.includes(installation) && /^rollcall-/.test(f))).toEqual([]);
      const reverify = provider === "sqlite" ? await cli("db-verify.ts", [target.url.replace(/^file:/, "")], target.url) : null;
      if (reverify) expect(JSON.parse(reverify.stdout).ok).toBe(true);
    } finally {
      await target.drop();
    }

    const runRow = await db.backupRun.findFirst({ where: { file: out.file } });
    expect(runRow).toMatchObject({ ok: true });
    expect(await db.auditLog.count({ where: { action: "backup_taken", targetId: runRow!.id } })).toBe(1);
  }, 120_000); // four CLI processes (tsx start-up dominates on a shared 2-core machine)

  it("without --out, db:backup writes to BACKUP_DIR, creating it 0700; a failed backup leaves no file", async () => {
    const backupDir = path.join(dir, "scheduled", "nested");
    const ok = await cli("db-backup.ts", [], source.url, { BACKUP_DIR: backupDir });
    const out = backupOutput(ok.stdout);
    expect(path.dirname(out.file)).toBe(backupDir);
    expect(modeOf(backupDir)).toBe(0o700);
    expect(modeOf(out.file)).toBe(0o600);

    // A database the verification rejects (a table is missing): the run fails, nothing stays behind.
    const broken = await createTestDatabase(provider, "broken");
    const brokenDir = path.join(dir, "broken");
    fs.mkdirSync(brokenDir, { mode: 0o755 });
    fs.chmodSync(brokenDir, 0o755);
    const brokenDb = await createDb(broken.url);
    try {
      await brokenDb.$executeRawUnsafe("DROP TABLE scan_receipts");
      await expect(cli("db-backup.ts", ["--out", brokenDir], broken.url)).rejects.toMatchObject({ code: 1 });
      expect(fs.readdirSync(brokenDir)).toEqual([]);
      expect(modeOf(brokenDir)).toBe(0o700); // a dedicated folder is tightened
      const failed = await brokenDb.backupRun.findFirst({ orderBy: { startedAt: "desc" } });
      expect(failed).toMatchObject({ ok: false, file: null });
      expect(failed!.error).toContain("missing table scan_receipts");
    } finally {
      await brokenDb.$disconnect();
      await broken.drop();
    }
  }, 120_000);

  // SQLite only: a PostgreSQL database has no file of ours (the PostgreSQL run registers no such test)
  if (provider === "sqlite") it("the SQLite database file is created 0600 in a 0700 folder, by migrate and by the app", async () => {
    const migrated = await createTestDatabase("sqlite", "modes", { migrated: false });
    try {
      migrate(migrated.url);
      expect(modeOf(sqliteFileOf(migrated.url))).toBe(0o600);
    } finally {
      await migrated.drop();
    }
    const fresh = path.join(dir, "app-data", "rollcall.db");
    const appDb = await createDb(`file:${fresh}`);
    try {
      await appDb.$queryRawUnsafe("CREATE TABLE t (x INTEGER)");
      await appDb.$queryRawUnsafe("INSERT INTO t VALUES (1)");
      expect(modeOf(path.dirname(fresh))).toBe(0o700);
      for (const f of [fresh, `${fresh}-wal`, `${fresh}-shm`]) expect(modeOf(f)).toBe(0o600); // SQLite copies the file's mode
    } finally {
      await appDb.$disconnect();
    }
  });

  it("verify fails on a damaged or foreign file, and restore refuses it", async () => {
    const bad = path.join(dir, provider === "sqlite" ? "rollcall-sqlite-20000101T000000000Z.db" : "rollcall-postgresql-20000101T000000000Z.dump");
    fs.writeFileSync(bad, "this is not a database".repeat(100));
    await expect(cli("db-verify.ts", [bad], source.url)).rejects.toMatchObject({ code: 1 });
    await expect(cli("db-restore.ts", [bad], source.url)).rejects.toMatchObject({ code: 1 });
    await expect(cli("db-verify.ts", [path.join(dir, "missing.db")], source.url)).rejects.toMatchObject({ code: 1 });
    expect(await db.user.count()).toBeGreaterThanOrEqual(1); // the source is untouched
  }, 60_000);

  it("secrets:rotate-qr refuses to guess the procedure", async () => {
    await expect(cli("secrets-rotate-qr.ts", ["--file", path.join(dir, "none.env")], source.url)).rejects.toMatchObject({ code: 1 });
  }, 60_000);

  it("secrets:rotate-qr --compromise writes a new secret, revokes the old key and every live code, and audits the rotation", async () => {
    const envFile = path.join(dir, "test.env");
    fs.writeFileSync(envFile, `APP_URL=http://localhost:3000\nQR_SIGNING_SECRET=${secrets.QR_SIGNING_SECRET}\n`);
    const now = new Date();
    const eventId = `ev${randomUUID().slice(0, 8)}`;
    await db.event.create({ data: { id: eventId, title: "Rotation", startsAt: now, endsAt: new Date(now.getTime() + 3600_000) } });
    const live = { eventId, shortCode: "ACDEFG", issuedAt: now, expiresAt: new Date(now.getTime() + 60_000) };
    await db.qrSession.createMany({
      data: [
        { id: `q${randomUUID().slice(0, 10)}`, nonce: randomUUID(), ...live },
        { id: `q${randomUUID().slice(0, 10)}`, nonce: randomUUID(), ...live },
      ],
    });
    fs.appendFileSync(envFile, `QR_SIGNING_SECRET_PREVIOUS=${"c".repeat(64)}\n`);
    const res = await cli("secrets-rotate-qr.ts", ["--compromise", "--file", envFile], source.url);
    expect(res.stdout).toContain("2 live code(s) revoked");
    const text = fs.readFileSync(envFile, "utf8");
    const secret = /^QR_SIGNING_SECRET=([0-9a-f]+)$/m.exec(text)?.[1];
    expect(secret).toHaveLength(64);
    expect(secret).not.toBe(secrets.QR_SIGNING_SECRET);
    expect(text).toContain("APP_URL=http://localhost:3000");
    expect(await db.qrSession.count({ where: { eventId, revokedAt: null } })).toBe(0);
    const audit = await db.auditLog.findFirst({ where: { action: "secret_rotated" } });
    expect(audit).toBeTruthy();
    expect(audit!.details).not.toContain(secret!);
    expect(JSON.parse(audit!.details!)).toMatchObject({ kind: "compromise", revoked_codes: 2, new_key_id: qrKeyId(secret!) });
    expect(text).not.toContain("QR_SIGNING_SECRET_PREVIOUS"); // nothing old is accepted any more
    const revokedKeys = await db.qrSigningKey.findMany({ where: { revokedAt: { not: null } }, select: { keyId: true } });
    expect(revokedKeys.map((k) => k.keyId).sort()).toEqual([qrKeyId(secrets.QR_SIGNING_SECRET), qrKeyId("c".repeat(64))].sort());

    // routine: the new secret signs, the old one is kept as the previous one, nothing is revoked
    await db.qrSession.create({ data: { id: `q${randomUUID().slice(0, 10)}`, nonce: randomUUID(), ...live } });
    await cli("secrets-rotate-qr.ts", ["--routine", "--file", envFile], source.url);
    const after = fs.readFileSync(envFile, "utf8");
    expect(/^QR_SIGNING_SECRET_PREVIOUS=([0-9a-f]+)$/m.exec(after)?.[1]).toBe(secret);
    expect(/^QR_SIGNING_SECRET=([0-9a-f]+)$/m.exec(after)?.[1]).not.toBe(secret);
    expect(await db.qrSession.count({ where: { eventId, revokedAt: null } })).toBe(1);
    expect(modeOf(envFile)).toBe(0o600);
  }, 60_000);
});
