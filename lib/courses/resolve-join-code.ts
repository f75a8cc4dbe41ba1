// A course join code → the active course it names (docs/courses.md#join-codes-and-single-enrolments).
// The one lookup for every way a code is given: a signed-in student joining, a signup, and the
// waiting page. Wrong, rotated or switched-off codes and archived courses read alike.
import type { DbOrTx } from "../db";
import { AppError } from "../errors";

export interface JoinCodeCourse {
  id: string;
  code: string;
  title: string;
  termLabel: string;
}

export const joinCodeInvalid = () => new AppError("join_code_invalid", "That join code is not valid. Check it with your instructor: codes change when they are rotated.");

/** `code` as the JoinCode schema leaves it (upper case, no spaces or dashes). */
export async function resolveJoinCode(db: DbOrTx, code: string): Promise<JoinCodeCourse> {
  const course = await db.course.findUnique({ where: { joinCode: code }, select: { id: true, code: true, title: true, termLabel: true, archivedAt: true } });
  if (!course || course.archivedAt) throw joinCodeInvalid();
  return { id: course.id, code: course.code, title: course.title, termLabel: course.termLabel };
}
