-- weekone: given and family name of an enrolment, from rosters with split name columns (sorting by family name).
-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN     "family_name" TEXT,
ADD COLUMN     "given_name" TEXT;
