// The courses the caller may open (admins: all), their own (where they teach or assist) first,
// then the rest; newest term first.
import type { Prisma } from "../../generated/postgresql/client";
import type { AuthUser } from "../auth/authenticate";
import { coursesWhere } from "../auth/scope-filters";
import type { Ctx } from "../context";
import { insensitive } from "../db";
import type { CourseListQuery } from "./schemas";
import { COURSE_SELECT, courseJson } from "./serialize";

const ORDER = [{ termLabel: "desc" }, { code: "asc" }, { createdAt: "desc" }] satisfies Prisma.CourseOrderByWithRelationInput[];

export async function listCourses(ctx: Ctx, viewer: Pick<AuthUser, "id" | "role">, query: CourseListQuery) {
  const viewerId = viewer.id;
  const mode = insensitive(ctx.config.DATABASE_URL);
  const where: Prisma.CourseWhereInput = {
    ...coursesWhere(viewer, "course:view"),
    ...(query.archived === "all" ? {} : query.archived === "true" ? { archivedAt: { not: null } } : { archivedAt: null }),
    ...(query.q && { OR: [{ code: { contains: query.q, ...mode } }, { title: { contains: query.q, ...mode } }, { termLabel: { contains: query.q, ...mode } }] }),
  };
  const mine = await ctx.db.course.findMany({ where: { AND: [where, { instructors: { some: { userId: viewerId } } }] }, orderBy: ORDER, take: query.limit, select: COURSE_SELECT });
  const rest =
    mine.length < query.limit
      ? await ctx.db.course.findMany({ where: { AND: [where, { instructors: { none: { userId: viewerId } } }] }, orderBy: ORDER, take: query.limit - mine.length, select: COURSE_SELECT })
      : [];
  return { items: [...mine, ...rest].map((c) => courseJson(c, viewerId)) };
}
