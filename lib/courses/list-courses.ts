// All courses, the caller's own (where they teach) first, then the rest; newest term first.
import type { Prisma } from "../../generated/postgresql/client";
import type { Ctx } from "../context";
import { insensitive } from "../db";
import type { CourseListQuery } from "./schemas";
import { COURSE_SELECT, courseJson } from "./serialize";

const ORDER = [{ termLabel: "desc" }, { code: "asc" }, { createdAt: "desc" }] satisfies Prisma.CourseOrderByWithRelationInput[];

export async function listCourses(ctx: Ctx, viewerId: string, query: CourseListQuery) {
  const mode = insensitive(ctx.config.DATABASE_URL);
  const where: Prisma.CourseWhereInput = {
    ...(query.archived === "all" ? {} : query.archived === "true" ? { archivedAt: { not: null } } : { archivedAt: null }),
    ...(query.q && { OR: [{ code: { contains: query.q, ...mode } }, { title: { contains: query.q, ...mode } }, { termLabel: { contains: query.q, ...mode } }] }),
  };
  const mine = await ctx.db.course.findMany({ where: { ...where, instructors: { some: { userId: viewerId } } }, orderBy: ORDER, take: query.limit, select: COURSE_SELECT });
  const rest =
    mine.length < query.limit
      ? await ctx.db.course.findMany({ where: { ...where, instructors: { none: { userId: viewerId } } }, orderBy: ORDER, take: query.limit - mine.length, select: COURSE_SELECT })
      : [];
  return { items: [...mine, ...rest].map((c) => courseJson(c, viewerId)) };
}
