-- CreateTable
CREATE TABLE "attendance_removals" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "removed_at" DATETIME NOT NULL,
    "removed_by_id" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "marked_at" DATETIME NOT NULL,
    CONSTRAINT "attendance_removals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_removals_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendance_removals_removed_by_id_fkey" FOREIGN KEY ("removed_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "courses" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "term_label" TEXT NOT NULL DEFAULT '',
    "threshold_percent" INTEGER NOT NULL DEFAULT 80,
    "archived_at" DATETIME,
    "join_code" TEXT,
    "join_code_rotated_at" DATETIME,
    "created_by_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "courses_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "course_instructors" (
    "course_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_at" DATETIME NOT NULL,

    PRIMARY KEY ("course_id", "user_id"),
    CONSTRAINT "course_instructors_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "course_instructors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "enrollments" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "course_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "student_number" TEXT,
    "user_id" TEXT,
    "source" TEXT NOT NULL,
    "enrolled_at" DATETIME NOT NULL,
    "dropped_at" DATETIME,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "enrollments_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "enrollments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "low_attendance_alerts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "course_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "rate" REAL NOT NULL,
    "created_at" DATETIME NOT NULL,
    CONSTRAINT "low_attendance_alerts_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "low_attendance_alerts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: hand-written plain ADD COLUMNs instead of the table redefine Prisma generates
-- for a new foreign key on SQLite (CREATE new_events / INSERT SELECT / DROP / RENAME), which
-- would copy only the columns known here. The resulting table is the same to Prisma.
ALTER TABLE "events" ADD COLUMN "course_id" TEXT REFERENCES "courses" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "events" ADD COLUMN "low_attendance_checked_at" DATETIME;
CREATE INDEX "events_course_id_starts_at_idx" ON "events"("course_id", "starts_at");
CREATE INDEX "events_ends_at_low_attendance_checked_at_idx" ON "events"("ends_at", "low_attendance_checked_at");

-- CreateIndex
CREATE INDEX "attendance_removals_event_id_removed_at_idx" ON "attendance_removals"("event_id", "removed_at");

-- CreateIndex
CREATE INDEX "attendance_removals_user_id_removed_at_idx" ON "attendance_removals"("user_id", "removed_at");

-- CreateIndex
CREATE UNIQUE INDEX "courses_join_code_key" ON "courses"("join_code");

-- CreateIndex
CREATE INDEX "courses_archived_at_term_label_idx" ON "courses"("archived_at", "term_label");

-- CreateIndex
CREATE UNIQUE INDEX "courses_code_term_label_key" ON "courses"("code", "term_label");

-- CreateIndex
CREATE INDEX "course_instructors_user_id_idx" ON "course_instructors"("user_id");

-- CreateIndex
CREATE INDEX "enrollments_email_idx" ON "enrollments"("email");

-- CreateIndex
CREATE INDEX "enrollments_user_id_idx" ON "enrollments"("user_id");

-- CreateIndex
CREATE INDEX "enrollments_course_id_dropped_at_idx" ON "enrollments"("course_id", "dropped_at");

-- CreateIndex
CREATE UNIQUE INDEX "enrollments_course_id_email_key" ON "enrollments"("course_id", "email");

-- CreateIndex
CREATE INDEX "low_attendance_alerts_user_id_idx" ON "low_attendance_alerts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "low_attendance_alerts_course_id_user_id_key" ON "low_attendance_alerts"("course_id", "user_id");
