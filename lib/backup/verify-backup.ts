// Does a backup open, pass an integrity check, and hold the tables we expect?
import fs from "node:fs";
import { providerOfBackup } from "./backup-files";
import { pgVerifyDump } from "./pg-tools";
import { sqliteCheck } from "./sqlite-tools";
import { redactedErrorMessage } from "../security/redact";

/** Tables every Rollcall database has (prisma/schema.base.prisma). */
export const EXPECTED_TABLES = [
  "users",
  "approval_requests",
  "auth_sessions",
  "refresh_tokens",
  "events",
  "qr_sessions",
  "used_nonces",
  "attendance_records",
  "devices",
  "scan_receipts",
  "audit_logs",
  "notifications",
  "rate_limit_buckets",
  "backup_runs",
  "_prisma_migrations",
] as const;

export interface VerifyResult {
  ok: boolean;
  file: string;
  provider: "sqlite" | "postgresql";
  problems: string[];
  counts: Record<string, number>;
  /** the installation the copy is of, read from inside it (null: a copy from before installation ids) */
  installationId: string | null;
}

/** Pure: the problems a check's output reveals. */
export function verifyProblems(integrity: string[], foreignKeyProblems: number, counts: Record<string, number>): string[] {
  const problems: string[] = [];
  if (integrity.length !== 1 || integrity[0] !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 5).join("; ")}`);
  if (foreignKeyProblems > 0) problems.push(`foreign_key_check: ${foreignKeyProblems} violation(s)`);
  for (const t of EXPECTED_TABLES) if (!(t in counts)) problems.push(`missing table ${t}`);
  return problems;
}

/**
 * Verify a backup file. A PostgreSQL dump is restored into a scratch schema of the database at
 * `scratchUrl` (the app's own DATABASE_URL) in a transaction that is rolled back (pg-tools.ts).
 */
export async function verifyBackup(file: string, scratchUrl?: string): Promise<VerifyResult> {
  const provider = providerOfBackup(file);
  if (!fs.existsSync(file)) return { ok: false, file, provider, problems: [`${file} does not exist`], counts: {}, installationId: null };
  try {
    if (provider === "sqlite") {
      const check = await sqliteCheck(file);
      const problems = verifyProblems(check.integrity, check.foreignKeyProblems, check.counts);
      return { ok: problems.length === 0, file, provider, problems, counts: check.counts, installationId: check.installationId };
    }
    if (!scratchUrl || !/^postgres(ql)?:/.test(scratchUrl)) {
      return { ok: false, file, provider, problems: ["verifying a PostgreSQL dump needs DATABASE_URL of a PostgreSQL server"], counts: {}, installationId: null };
    }
    const { counts, installationId } = await pgVerifyDump(scratchUrl, file);
    const problems = verifyProblems(["ok"], 0, counts);
    return { ok: problems.length === 0, file, provider, problems, counts, installationId };
  } catch (error) {
    const message = redactedErrorMessage(error).split("\n").slice(0, 3).join(" ");
    return { ok: false, file, provider, problems: [`could not open: ${message}`], counts: {}, installationId: null };
  }
}
