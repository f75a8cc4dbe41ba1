-- ops: the installation id of this database (backup files carry it, see docs/deployment.md#backups)
-- and the name (host:port) of each server instance for the metrics. Additive.

-- AlterTable
ALTER TABLE "server_instances" ADD COLUMN     "name" TEXT;

-- CreateTable
CREATE TABLE "installation" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restored_from" TEXT,
    "restored_at" TIMESTAMP(3),

    CONSTRAINT "installation_pkey" PRIMARY KEY ("id")
);

-- The id, once: 16 random hex characters (gen_random_uuid is built in since PostgreSQL 13). A restore
-- into another database replaces it (lib/backup/restore-backup.ts)
INSERT INTO "installation" ("id") VALUES (substr(replace(gen_random_uuid()::text, '-', ''), 1, 16));
