-- The term report's cache key (lib/courses/report-cache.ts): one version per course, bumped by
-- triggers in the same transaction as every change the report reads — a course's sessions
-- (events), its roster (enrollments) and the marks in its sessions (attendance_records) — so no
-- code path (a use case, a cascade from a deleted account, a script) can forget it. The bumps are
-- deferred to the commit (constraint triggers, INITIALLY DEFERRED): the version row is locked only
-- while a transaction commits, so marks of one course do not queue behind each other's
-- transactions, and no transaction waits for another lock while holding it.

-- CreateTable
CREATE TABLE "course_report_versions" (
    "course_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "course_report_versions_pkey" PRIMARY KEY ("course_id")
);

-- AddForeignKey
ALTER TABLE "course_report_versions" ADD CONSTRAINT "course_report_versions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "course_report_versions" ("course_id", "version") SELECT "id", 0 FROM "courses";

CREATE FUNCTION "course_report_version_course_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "course_report_versions" ("course_id", "version") VALUES (NEW."id", 0);
  RETURN NULL;
END $$;

CREATE TRIGGER "courses_report_version_insert" AFTER INSERT ON "courses"
FOR EACH ROW EXECUTE FUNCTION "course_report_version_course_insert"();

-- events and enrollments carry course_id themselves
CREATE FUNCTION "course_report_version_bump_by_course"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = NEW."course_id";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = OLD."course_id";
  ELSE
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" IN (OLD."course_id", NEW."course_id");
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "events_report_version_insert" AFTER INSERT ON "events"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."course_id" IS NOT NULL) EXECUTE FUNCTION "course_report_version_bump_by_course"();
CREATE CONSTRAINT TRIGGER "events_report_version_update" AFTER UPDATE OF "title", "starts_at", "ends_at", "checkin_closed_at", "archived_at", "course_id" ON "events"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."course_id" IS NOT NULL OR NEW."course_id" IS NOT NULL) EXECUTE FUNCTION "course_report_version_bump_by_course"();
CREATE CONSTRAINT TRIGGER "events_report_version_delete" AFTER DELETE ON "events"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."course_id" IS NOT NULL) EXECUTE FUNCTION "course_report_version_bump_by_course"();

CREATE CONSTRAINT TRIGGER "enrollments_report_version_insert" AFTER INSERT ON "enrollments"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_course"();
CREATE CONSTRAINT TRIGGER "enrollments_report_version_update" AFTER UPDATE OF "course_id", "email", "full_name", "given_name", "family_name", "student_number", "user_id", "enrolled_at", "dropped_at" ON "enrollments"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_course"();
CREATE CONSTRAINT TRIGGER "enrollments_report_version_delete" AFTER DELETE ON "enrollments"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_course"();

-- a mark's course is its event's
CREATE FUNCTION "course_report_version_bump_by_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = (SELECT "course_id" FROM "events" WHERE "id" = NEW."event_id");
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" = (SELECT "course_id" FROM "events" WHERE "id" = OLD."event_id");
  ELSE
    UPDATE "course_report_versions" SET "version" = "version" + 1 WHERE "course_id" IN (SELECT "course_id" FROM "events" WHERE "id" IN (OLD."event_id", NEW."event_id"));
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "attendance_records_report_version_insert" AFTER INSERT ON "attendance_records"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_event"();
CREATE CONSTRAINT TRIGGER "attendance_records_report_version_update" AFTER UPDATE OF "status", "user_id", "enrollment_id", "event_id" ON "attendance_records"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_event"();
CREATE CONSTRAINT TRIGGER "attendance_records_report_version_delete" AFTER DELETE ON "attendance_records"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "course_report_version_bump_by_event"();
