-- weekone: the course a signup names with its join code, carried to the approval request opened at
-- verification. A plain ALTER TABLE (SQLite allows a REFERENCES column with a NULL default), so
-- columns other branches add to pending_signups survive the merge.

-- AlterTable
ALTER TABLE "pending_signups" ADD COLUMN "course_id" TEXT REFERENCES "courses" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
