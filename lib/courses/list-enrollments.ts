// A course's roster, alphabetical, searchable by name, email or student number.
import type { Prisma } from "../../generated/postgresql/client";
import type { Ctx } from "../context";
import { insensitive } from "../db";
import { findCourseOrThrow } from "./get-course";
import { ENROLLMENT_SELECT, enrollmentJson } from "./enrollment-json";
import type { EnrollmentListQuery } from "./schemas";

export async function listEnrollments(ctx: Ctx, courseId: string, query: EnrollmentListQuery) {
  await findCourseOrThrow(ctx.db, courseId);
  const mode = insensitive(ctx.config.DATABASE_URL);
  const where: Prisma.EnrollmentWhereInput = {
    courseId,
    ...(query.status === "enrolled" ? { droppedAt: null } : query.status === "dropped" ? { droppedAt: { not: null } } : {}),
    ...(query.q && {
      OR: [{ fullName: { contains: query.q, ...mode } }, { email: { contains: query.q, ...mode } }, { studentNumber: { contains: query.q, ...mode } }],
    }),
  };
  const [rows, enrolled, dropped] = await Promise.all([
    ctx.db.enrollment.findMany({ where, orderBy: [{ fullName: "asc" }, { email: "asc" }], take: query.limit, select: ENROLLMENT_SELECT }),
    ctx.db.enrollment.count({ where: { courseId, droppedAt: null } }),
    ctx.db.enrollment.count({ where: { courseId, droppedAt: { not: null } } }),
  ]);
  return { course_id: courseId, enrolled_count: enrolled, dropped_count: dropped, items: rows.map(enrollmentJson) };
}
