import { describe, expect, it } from "vitest";
import { backupFileName, backupTimeOf, filesToPrune, foreignBackups, installationOfBackup, isBackupFile, providerOfBackup } from "./backup-files";
import { redactSecrets } from "../security/redact";
import { backupDue } from "./scheduler";
import { verifyProblems } from "./verify-backup";

const ours = "3f9a1c2e5b7d9f01";
const theirs = "0badc0ffee15dead";

describe("backup files", () => {
  it("names files after their installation, so one installation's files sort by time", () => {
    const a = backupFileName("sqlite", new Date("2026-01-02T03:04:05.006Z"), ours);
    expect(a).toBe(`rollcall-sqlite.${ours}.20260102T030405006Z.db`);
    expect(isBackupFile(a)).toBe(true);
    expect(installationOfBackup(a)).toBe(ours);
    expect(backupFileName("postgresql", new Date(0), ours)).toBe(`rollcall-postgresql.${ours}.19700101T000000000Z.dump`);
    expect(() => backupFileName("sqlite", new Date(0), "../x")).toThrow(/installation id/);
    expect(providerOfBackup("x.dump")).toBe("postgresql");
    expect(providerOfBackup("x.db")).toBe("sqlite");
  });

  it("keeps names readable through the one redaction step (logs, dashboard)", () => {
    const name = `/var/backups/rollcall/${backupFileName("postgresql", new Date("2026-11-25T09:08:07.654Z"), ours)}`;
    expect(redactSecrets(name)).toBe(name);
  });

  it("reads the run's start time back from the file name, old names included", () => {
    const at = new Date("2026-11-25T09:08:07.654Z");
    expect(backupTimeOf(backupFileName("postgresql", at, ours))).toEqual(at);
    expect(backupTimeOf("rollcall-sqlite-20260102T030405Z.db")).toEqual(new Date("2026-01-02T03:04:05Z"));
    expect(installationOfBackup("rollcall-sqlite-20260102T030405Z.db")).toBeNull();
    expect(backupTimeOf("rollcall-sqlite-20260102T030405006Z.db.partial")).toBeNull();
    expect(backupTimeOf(`${backupFileName("sqlite", at, ours)}.partial`)).toBeNull();
    expect(backupTimeOf("notes.txt")).toBeNull();
  });

  it("prunes all but the newest `keep` of this installation; never another's, an old name or a foreign file", () => {
    const names = [1, 3, 2, 5, 4].map((d) => backupFileName("sqlite", new Date(Date.UTC(2026, 0, d)), ours));
    const others = [backupFileName("sqlite", new Date(Date.UTC(2025, 0, 1)), theirs), "rollcall-sqlite-20250101T000000000Z.db"];
    const doomed = filesToPrune([...names, ...others, "notes.txt", "rollcall.db"], 2, ours);
    expect(doomed.sort()).toEqual(names.filter((n) => /2026010[123]/.test(n)).sort());
  });

  it("names the other installations whose backups a folder holds (old names belong to none)", () => {
    const mine = backupFileName("postgresql", new Date(0), ours);
    const foreign = [backupFileName("postgresql", new Date(1000), theirs), backupFileName("postgresql", new Date(2000), theirs)];
    expect(foreignBackups([mine, "rollcall-postgresql-20250101T000000000Z.dump", "notes.txt"], ours).size).toBe(0);
    expect(foreignBackups([mine, ...foreign], ours)).toEqual(new Map([[theirs, foreign]]));
  });

  it("is due after one interval", () => {
    const now = new Date("2026-01-02T00:00:00Z");
    expect(backupDue(null, now, 24)).toBe(true);
    expect(backupDue(new Date("2026-01-01T01:00:00Z"), now, 24)).toBe(false);
    expect(backupDue(new Date("2026-01-01T00:00:00Z"), now, 24)).toBe(true);
  });

  it("reports integrity, foreign-key and missing-table problems", () => {
    const counts = Object.fromEntries(["users", "approval_requests", "auth_sessions", "refresh_tokens", "events", "qr_sessions", "used_nonces", "attendance_records", "devices", "scan_receipts", "audit_logs", "notifications", "rate_limit_buckets", "backup_runs", "_prisma_migrations"].map((t) => [t, 0]));
    expect(verifyProblems(["ok"], 0, counts)).toEqual([]);
    expect(verifyProblems(["*** in database main ***", "page 3 is never used"], 2, { users: 1 })).toEqual(
      expect.arrayContaining([expect.stringContaining("integrity_check"), expect.stringContaining("foreign_key_check"), "missing table events"]),
    );
  });
});
