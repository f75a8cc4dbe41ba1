-- weekone: the course a signup names with its join code. Its instructors decide, and approving enrols.
-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "course_id" TEXT;

-- CreateIndex
CREATE INDEX "approval_requests_course_id_status_idx" ON "approval_requests"("course_id", "status");

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE CASCADE;
