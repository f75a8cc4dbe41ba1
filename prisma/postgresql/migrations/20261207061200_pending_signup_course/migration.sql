-- weekone: the course a signup names with its join code, carried to the approval request opened at verification.
-- AlterTable
ALTER TABLE "pending_signups" ADD COLUMN     "course_id" TEXT;

-- AddForeignKey
ALTER TABLE "pending_signups" ADD CONSTRAINT "pending_signups_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE CASCADE;
