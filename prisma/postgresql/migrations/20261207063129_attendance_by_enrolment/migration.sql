-- records: attendance belongs to the enrolment (a mark or removal of an enrolled student without
-- an account yet references the enrolment, user_id NULL until the account is linked), warnings
-- that wait (per-course settings) and stay true (withdrawn, not deleted, with one standing warning per
-- student), and the attendance versions of courses and enrolments that warnings are decided under.

-- DropIndex
DROP INDEX "low_attendance_alerts_course_id_user_id_key";

-- AlterTable
ALTER TABLE "attendance_records" ADD COLUMN     "enrollment_id" TEXT,
ALTER COLUMN "user_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "attendance_removals" ADD COLUMN     "enrollment_id" TEXT,
ALTER COLUMN "user_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "attendance_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "warn_after_sessions" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "warn_grace_hours" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN     "attendance_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "low_attendance_alerts" ADD COLUMN     "open" BOOLEAN DEFAULT true,
ADD COLUMN     "resolved_at" TIMESTAMP(3),
ADD COLUMN     "resolved_rate" DOUBLE PRECISION;

-- CreateIndex
CREATE UNIQUE INDEX "attendance_records_enrollment_id_event_id_key" ON "attendance_records"("enrollment_id", "event_id");

-- CreateIndex
CREATE INDEX "attendance_removals_enrollment_id_idx" ON "attendance_removals"("enrollment_id");

-- CreateIndex
CREATE UNIQUE INDEX "low_attendance_alerts_course_id_user_id_open_key" ON "low_attendance_alerts"("course_id", "user_id", "open");

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_removals" ADD CONSTRAINT "attendance_removals_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

