-- weekone: the course a signup names with its join code. Its instructors decide, and approving enrols.
-- A plain ALTER TABLE (SQLite allows a REFERENCES column with a NULL default), so columns other
-- branches add to approval_requests survive the merge.

-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN "course_id" TEXT REFERENCES "courses" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "approval_requests_course_id_status_idx" ON "approval_requests"("course_id", "status");
