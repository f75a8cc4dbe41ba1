-- hardening-auth: per-email/per-device login throttles, in-flight reservations on rate-limit
-- buckets, scan receipts bound to a device; the lockout columns move off users.
-- Written as plain ALTER TABLEs (not Prisma's table redefinitions), so columns other branches
-- add to these tables survive the merge.

-- AlterTable
ALTER TABLE "scan_receipts" ADD COLUMN "device_id" TEXT;

-- AlterTable
ALTER TABLE "rate_limit_buckets" ADD COLUMN "pending" INTEGER NOT NULL DEFAULT 0;

-- AlterTable (SQLite >= 3.35; neither column is indexed or constrained)
ALTER TABLE "users" DROP COLUMN "failed_login_count";
ALTER TABLE "users" DROP COLUMN "locked_until";

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lock_level" INTEGER NOT NULL DEFAULT 0,
    "locked_until" DATETIME,
    "updated_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "login_throttles_updated_at_idx" ON "login_throttles"("updated_at");
