-- deploy: server instances (heartbeats), QR signing key ids, backup run ownership.
-- Plain ALTER TABLEs, so columns other branches add to these tables survive the merge.

-- AlterTable
ALTER TABLE "qr_sessions" ADD COLUMN "key_id" TEXT;

-- AlterTable
ALTER TABLE "backup_runs" ADD COLUMN "instance_id" TEXT;

-- CreateTable
CREATE TABLE "server_instances" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "started_at" DATETIME NOT NULL,
    "seen_at" DATETIME NOT NULL,
    "qr_key_ids" TEXT NOT NULL,
    "backup_interval_hours" INTEGER
);

-- CreateTable
CREATE TABLE "qr_signing_keys" (
    "key_id" TEXT NOT NULL PRIMARY KEY,
    "first_seen_at" DATETIME NOT NULL,
    "activated_at" DATETIME,
    "revoked_at" DATETIME
);

-- CreateIndex
CREATE INDEX "server_instances_seen_at_idx" ON "server_instances"("seen_at");
