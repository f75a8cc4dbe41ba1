import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { courseNotFound } from "./course-errors";
import { COURSE_SELECT, courseJson } from "./serialize";

/** The course's own columns, or a 404 course_not_found. */
export async function findCourseOrThrow(db: DbOrTx, id: string) {
  const course = await db.course.findUnique({ where: { id } });
  if (!course) throw courseNotFound();
  return course;
}

export async function getCourse(ctx: Ctx, viewerId: string, id: string) {
  const course = await ctx.db.course.findUnique({ where: { id }, select: COURSE_SELECT });
  if (!course) throw courseNotFound();
  return courseJson(course, viewerId);
}
