import type { Ctx } from "../context";
import { eventJson } from "./serialize";

export async function listEvents(ctx: Ctx, query: { archived: "true" | "false" | "all"; limit: number; course_id?: string }) {
  const where = {
    ...(query.archived === "all" ? {} : query.archived === "true" ? { archivedAt: { not: null } } : { archivedAt: null }),
    ...(query.course_id && { courseId: query.course_id }),
  };
  const events = await ctx.db.event.findMany({
    where,
    orderBy: { startsAt: "desc" },
    take: query.limit,
    include: { _count: { select: { attendance: true } } },
  });
  const now = ctx.clock.now();
  return { events: events.map((e) => ({ ...eventJson(e, now), attendance_count: e._count.attendance })) };
}
