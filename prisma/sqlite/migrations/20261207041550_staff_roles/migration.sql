-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_course_instructors" (
    "course_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'instructor',
    "added_at" DATETIME NOT NULL,

    PRIMARY KEY ("course_id", "user_id"),
    CONSTRAINT "course_instructors_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "course_instructors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_course_instructors" ("added_at", "course_id", "user_id") SELECT "added_at", "course_id", "user_id" FROM "course_instructors";
DROP TABLE "course_instructors";
ALTER TABLE "new_course_instructors" RENAME TO "course_instructors";
CREATE INDEX "course_instructors_user_id_idx" ON "course_instructors"("user_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
