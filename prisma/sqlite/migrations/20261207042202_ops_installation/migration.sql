-- ops: the installation id of this database (backup files carry it, see docs/deployment.md#backups)
-- and the name (host:port) of each server instance for the metrics. Additive.

-- AlterTable
ALTER TABLE "server_instances" ADD COLUMN "name" TEXT;

-- CreateTable
CREATE TABLE "installation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restored_from" TEXT,
    "restored_at" DATETIME
);

-- The id, once: 16 random hex characters. A restore into another database replaces it (lib/backup/restore-backup.ts)
INSERT INTO "installation" ("id") VALUES (lower(hex(randomblob(8))));
