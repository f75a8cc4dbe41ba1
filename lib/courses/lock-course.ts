// The course row's lock, taken first thing in a transaction that must not interleave with another
// on the same course (creating a series, deleting the course): a write that changes nothing, to a
// column no foreign key refers to (so no key checks run). PostgreSQL holds the row lock until commit, so a second transaction waits, then reads
// what the first committed; SQLite takes its write lock before anything is read (a deferred
// transaction that reads first fails with SQLITE_BUSY instead of waiting).
import type { Tx } from "../db";
import { courseNotFound } from "./course-errors";

export async function lockCourse(tx: Tx, courseId: string): Promise<void> {
  const rows = await tx.$executeRaw`UPDATE courses SET updated_at = updated_at WHERE id = ${courseId}`;
  if (rows === 0) throw courseNotFound();
}
