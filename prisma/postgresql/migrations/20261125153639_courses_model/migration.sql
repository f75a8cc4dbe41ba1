-- CreateEnum
CREATE TYPE "EnrollmentSource" AS ENUM ('import', 'join_code', 'manual');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AttendanceMethod" ADD VALUE 'short_code';
ALTER TYPE "AttendanceMethod" ADD VALUE 'link';

-- AlterEnum
ALTER TYPE "AttendanceStatus" ADD VALUE 'excused';

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "course_id" TEXT,
ADD COLUMN     "low_attendance_checked_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "attendance_removals" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "removed_at" TIMESTAMP(3) NOT NULL,
    "removed_by_id" TEXT,
    "reason" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "method" "AttendanceMethod" NOT NULL,
    "marked_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "attendance_removals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "term_label" TEXT NOT NULL DEFAULT '',
    "threshold_percent" INTEGER NOT NULL DEFAULT 80,
    "archived_at" TIMESTAMP(3),
    "join_code" TEXT,
    "join_code_rotated_at" TIMESTAMP(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_instructors" (
    "course_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "course_instructors_pkey" PRIMARY KEY ("course_id","user_id")
);

-- CreateTable
CREATE TABLE "enrollments" (
    "id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "student_number" TEXT,
    "user_id" TEXT,
    "source" "EnrollmentSource" NOT NULL,
    "enrolled_at" TIMESTAMP(3) NOT NULL,
    "dropped_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "low_attendance_alerts" (
    "id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "low_attendance_alerts_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "events_course_id_starts_at_idx" ON "events"("course_id", "starts_at");

-- CreateIndex
CREATE INDEX "events_ends_at_low_attendance_checked_at_idx" ON "events"("ends_at", "low_attendance_checked_at");

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_removals" ADD CONSTRAINT "attendance_removals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_removals" ADD CONSTRAINT "attendance_removals_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_removals" ADD CONSTRAINT "attendance_removals_removed_by_id_fkey" FOREIGN KEY ("removed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_instructors" ADD CONSTRAINT "course_instructors_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_instructors" ADD CONSTRAINT "course_instructors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "low_attendance_alerts" ADD CONSTRAINT "low_attendance_alerts_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "low_attendance_alerts" ADD CONSTRAINT "low_attendance_alerts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
