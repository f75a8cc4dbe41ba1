// A course's roster, by family name (lib/courses/family-name-order.ts), searchable by name, email
// or student number ignoring case and accents ("muller" finds "Müller"). The search runs over the
// course's enrolments in memory: a roster is at most a few thousand rows, and neither database
// folds accents without an extension.
import type { Prisma } from "../../generated/postgresql/client";
import type { Ctx } from "../context";
import { matchesSearch } from "../text/fold-for-search";
import { findCourseOrThrow } from "./get-course";
import { ENROLLMENT_SELECT, enrollmentJson } from "./enrollment-json";
import { sortByFamilyName } from "./family-name-order";
import type { EnrollmentListQuery } from "./schemas";

export async function listEnrollments(ctx: Ctx, courseId: string, query: EnrollmentListQuery) {
  await findCourseOrThrow(ctx.db, courseId);
  const where: Prisma.EnrollmentWhereInput = {
    courseId,
    ...(query.status === "enrolled" ? { droppedAt: null } : query.status === "dropped" ? { droppedAt: { not: null } } : {}),
  };
  const [rows, enrolled, dropped] = await Promise.all([
    ctx.db.enrollment.findMany({ where, select: ENROLLMENT_SELECT }),
    ctx.db.enrollment.count({ where: { courseId, droppedAt: null } }),
    ctx.db.enrollment.count({ where: { courseId, droppedAt: { not: null } } }),
  ]);
  const found = query.q ? rows.filter((r) => matchesSearch(query.q!, r.fullName, r.email, r.studentNumber)) : rows;
  const items = sortByFamilyName(found).slice(0, query.limit);
  return { course_id: courseId, enrolled_count: enrolled, dropped_count: dropped, items: items.map(enrollmentJson) };
}
