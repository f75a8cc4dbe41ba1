-- The term report's cache key (lib/courses/report-cache.ts): one version per course, bumped by
-- triggers in the same transaction as every change the report reads — a course's sessions
-- (events), its roster (enrollments) and the marks in its sessions (attendance_records) — so no
-- code path (a use case, a cascade from a deleted account, a script) can forget it.
-- Caution for later migrations: SQLite drops a table's triggers when the table is rebuilt
-- (RedefineTables); re-create them after such a rebuild (tests/integration/report-cache.test.ts
-- fails while one is missing).

-- CreateTable
CREATE TABLE "course_report_versions" (
    "course_id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "course_report_versions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO "course_report_versions" ("course_id", "version") SELECT "id", 0 FROM "courses";

CREATE TRIGGER "courses_report_version_insert" AFTER INSERT ON "courses"
BEGIN
  INSERT INTO "course_report_versions" ("course_id", "version") VALUES (NEW."id", 0);
END;

CREATE TRIGGER "events_report_version_insert" AFTER INSERT ON "events" WHEN NEW."course_id" IS NOT NULL
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = NEW."course_id";
END;

CREATE TRIGGER "events_report_version_update" AFTER UPDATE OF "title", "starts_at", "ends_at", "checkin_closed_at", "archived_at", "course_id" ON "events"
WHEN OLD."course_id" IS NOT NULL OR NEW."course_id" IS NOT NULL
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" IN (OLD."course_id", NEW."course_id");
END;

CREATE TRIGGER "events_report_version_delete" AFTER DELETE ON "events" WHEN OLD."course_id" IS NOT NULL
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = OLD."course_id";
END;

CREATE TRIGGER "enrollments_report_version_insert" AFTER INSERT ON "enrollments"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = NEW."course_id";
END;

CREATE TRIGGER "enrollments_report_version_update" AFTER UPDATE OF "course_id", "email", "full_name", "given_name", "family_name", "student_number", "user_id", "enrolled_at", "dropped_at" ON "enrollments"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" IN (OLD."course_id", NEW."course_id");
END;

CREATE TRIGGER "enrollments_report_version_delete" AFTER DELETE ON "enrollments"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = OLD."course_id";
END;

CREATE TRIGGER "attendance_records_report_version_insert" AFTER INSERT ON "attendance_records"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = (SELECT "course_id" FROM "events" WHERE "id" = NEW."event_id");
END;

CREATE TRIGGER "attendance_records_report_version_update" AFTER UPDATE OF "status", "user_id", "enrollment_id", "event_id" ON "attendance_records"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" IN (SELECT "course_id" FROM "events" WHERE "id" IN (OLD."event_id", NEW."event_id"));
END;

CREATE TRIGGER "attendance_records_report_version_delete" AFTER DELETE ON "attendance_records"
BEGIN
  UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = (SELECT "course_id" FROM "events" WHERE "id" = OLD."event_id");
END;
