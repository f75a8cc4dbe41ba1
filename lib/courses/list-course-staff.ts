// GET /api/courses/{id}/staff: the course's instructors, then its teaching assistants, by name.
import type { Ctx } from "../context";
import { STAFF_SELECT, staffJson } from "./course-staff";
import { findCourseOrThrow } from "./get-course";

export async function listCourseStaff(ctx: Ctx, courseId: string) {
  await findCourseOrThrow(ctx.db, courseId);
  const rows = await ctx.db.courseInstructor.findMany({ where: { courseId }, select: STAFF_SELECT, orderBy: [{ role: "asc" }, { user: { fullName: "asc" } }] });
  const order = (r: { role: string }) => (r.role === "instructor" ? 0 : 1);
  return { course_id: courseId, items: rows.sort((a, b) => order(a) - order(b)).map(staffJson) };
}
