-- records: attendance belongs to the enrolment (a mark or removal of an enrolled student without
-- an account yet references the enrolment, user_id NULL until the account is linked), warnings
-- that wait (per-course settings) and stay true (withdrawn, not deleted, with one standing warning per
-- student), and the attendance versions of courses and enrolments that warnings are decided under.
-- courses gets plain ADD COLUMNs, so columns other branches add to it survive the merge.
-- attendance_records and attendance_removals must be rebuilt on SQLite to make user_id nullable.

-- DropIndex
DROP INDEX "low_attendance_alerts_course_id_user_id_key";

-- AlterTable
ALTER TABLE "low_attendance_alerts" ADD COLUMN "open" BOOLEAN DEFAULT true;
ALTER TABLE "low_attendance_alerts" ADD COLUMN "resolved_at" DATETIME;
ALTER TABLE "low_attendance_alerts" ADD COLUMN "resolved_rate" REAL;

-- AlterTable
ALTER TABLE "courses" ADD COLUMN "warn_after_sessions" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "courses" ADD COLUMN "warn_grace_hours" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "courses" ADD COLUMN "attendance_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN "attendance_version" INTEGER NOT NULL DEFAULT 0;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_attendance_records" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT,
    "enrollment_id" TEXT,
    "event_id" TEXT NOT NULL,
    "marked_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "qr_session_id" TEXT,
    "device_id" TEXT,
    "device_flag" BOOLEAN NOT NULL DEFAULT false,
    "ip_address" TEXT,
    "marked_by_id" TEXT,
    "reason" TEXT,
    CONSTRAINT "attendance_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_records_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_records_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_records_qr_session_id_fkey" FOREIGN KEY ("qr_session_id") REFERENCES "qr_sessions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "attendance_records_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "devices" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "attendance_records_marked_by_id_fkey" FOREIGN KEY ("marked_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_attendance_records" ("device_flag", "device_id", "event_id", "id", "ip_address", "marked_at", "marked_by_id", "method", "qr_session_id", "reason", "status", "user_id") SELECT "device_flag", "device_id", "event_id", "id", "ip_address", "marked_at", "marked_by_id", "method", "qr_session_id", "reason", "status", "user_id" FROM "attendance_records";
DROP TABLE "attendance_records";
ALTER TABLE "new_attendance_records" RENAME TO "attendance_records";
CREATE INDEX "attendance_records_event_id_marked_at_idx" ON "attendance_records"("event_id", "marked_at");
CREATE INDEX "attendance_records_event_id_device_id_idx" ON "attendance_records"("event_id", "device_id");
CREATE INDEX "attendance_records_user_id_marked_at_idx" ON "attendance_records"("user_id", "marked_at");
CREATE UNIQUE INDEX "attendance_records_user_id_event_id_key" ON "attendance_records"("user_id", "event_id");
CREATE UNIQUE INDEX "attendance_records_enrollment_id_event_id_key" ON "attendance_records"("enrollment_id", "event_id");
CREATE TABLE "new_attendance_removals" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT,
    "enrollment_id" TEXT,
    "event_id" TEXT NOT NULL,
    "removed_at" DATETIME NOT NULL,
    "removed_by_id" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "marked_at" DATETIME NOT NULL,
    CONSTRAINT "attendance_removals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_removals_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_removals_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_removals_removed_by_id_fkey" FOREIGN KEY ("removed_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_attendance_removals" ("event_id", "id", "marked_at", "method", "reason", "removed_at", "removed_by_id", "status", "user_id") SELECT "event_id", "id", "marked_at", "method", "reason", "removed_at", "removed_by_id", "status", "user_id" FROM "attendance_removals";
DROP TABLE "attendance_removals";
ALTER TABLE "new_attendance_removals" RENAME TO "attendance_removals";
CREATE INDEX "attendance_removals_event_id_removed_at_idx" ON "attendance_removals"("event_id", "removed_at");
CREATE INDEX "attendance_removals_user_id_removed_at_idx" ON "attendance_removals"("user_id", "removed_at");
CREATE INDEX "attendance_removals_enrollment_id_idx" ON "attendance_removals"("enrollment_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "low_attendance_alerts_course_id_user_id_open_key" ON "low_attendance_alerts"("course_id", "user_id", "open");

