-- A student's enrolments by (user, course): their home page reads each course's figures for that one
-- student, which an index on the course alone served by reading the whole roster (the campus
-- benchmark, docs/performance.md#a-college-after-a-year-campus). Replaces the index on user_id alone,
-- which this one's first column serves as well.

-- DropIndex
DROP INDEX "enrollments_user_id_idx";

-- CreateIndex
CREATE INDEX "enrollments_user_id_course_id_dropped_at_idx" ON "enrollments"("user_id", "course_id", "dropped_at");
