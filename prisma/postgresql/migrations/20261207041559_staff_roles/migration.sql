-- CreateEnum
CREATE TYPE "CourseRole" AS ENUM ('instructor', 'assistant');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'instructor';

-- AlterTable
ALTER TABLE "course_instructors" ADD COLUMN     "role" "CourseRole" NOT NULL DEFAULT 'instructor';
