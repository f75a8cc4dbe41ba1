-- AlterTable
ALTER TABLE "qr_sessions" ADD COLUMN     "key_id" TEXT;

-- AlterTable
ALTER TABLE "backup_runs" ADD COLUMN     "instance_id" TEXT;

-- CreateTable
CREATE TABLE "server_instances" (
    "id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "seen_at" TIMESTAMP(3) NOT NULL,
    "qr_key_ids" TEXT NOT NULL,
    "backup_interval_hours" INTEGER,

    CONSTRAINT "server_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qr_signing_keys" (
    "key_id" TEXT NOT NULL,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "activated_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "qr_signing_keys_pkey" PRIMARY KEY ("key_id")
);

-- CreateIndex
CREATE INDEX "server_instances_seen_at_idx" ON "server_instances"("seen_at");
