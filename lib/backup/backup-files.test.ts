import { describe, expect, it } from "vitest";
import { backupFileName, backupTimeOf, filesToPrune, isBackupFile, providerOfBackup } from "./backup-files";
import { backupDue } from "./scheduler";
import { verifyProblems } from "./verify-backup";

describe("backup files", () => {
  it("names files so they sort by time", () => {
    const a = backupFileName("sqlite", new Date("2026-01-02T03:04:05.006Z"));
    expect(a).toBe("rollcall-sqlite-20260102T030405006Z.db");
    expect(isBackupFile(a)).toBe(true);
    expect(backupFileName("postgresql", new Date(0))).toMatch(/^rollcall-postgresql-19700101T000000000Z\.dump$/);
    expect(providerOfBackup("x.dump")).toBe("postgresql");
    expect(providerOfBackup("x.db")).toBe("sqlite");
  });

  it("reads the run's start time back from the file name", () => {
    const at = new Date("2026-11-25T09:08:07.654Z");
    expect(backupTimeOf(backupFileName("postgresql", at))).toEqual(at);
    expect(backupTimeOf("rollcall-sqlite-20260102T030405Z.db")).toEqual(new Date("2026-01-02T03:04:05Z"));
    expect(backupTimeOf("rollcall-sqlite-20260102T030405006Z.db.partial")).toBeNull();
    expect(backupTimeOf("notes.txt")).toBeNull();
  });

  it("prunes all but the newest `keep`, never foreign files", () => {
    const names = [1, 3, 2, 5, 4].map((d) => backupFileName("sqlite", new Date(Date.UTC(2026, 0, d))));
    const doomed = filesToPrune([...names, "notes.txt", "rollcall.db"], 2);
    expect(doomed.sort()).toEqual(names.filter((n) => /2026010[123]/.test(n)).sort());
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
