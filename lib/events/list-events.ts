import type { Ctx } from "../context";
import type { z } from "zod";
import type { EventListOut } from "./schemas";
import { eventJson } from "./serialize";

export async function listEvents(ctx: Ctx, query: { archived: "true" | "false" | "all"; limit: number; course_id?: string }): Promise<z.output<typeof EventListOut>> {
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
