import type { Ctx } from "../context";
import type { z } from "zod";
import type { EventListOut } from "./schemas";
import { eventJson } from "./serialize";

export async function listEvents(ctx: Ctx, query: { archived: "true" | "false" | "all"; limit: number }): Promise<z.output<typeof EventListOut>> {
  const where = query.archived === "all" ? {} : query.archived === "true" ? { archivedAt: { not: null } } : { archivedAt: null };
  const events = await ctx.db.event.findMany({
    where,
    orderBy: { startsAt: "desc" },
    take: query.limit,
    include: { _count: { select: { attendance: true } } },
  });
  const now = ctx.clock.now();
  return { events: events.map((e) => ({ ...eventJson(e, now), attendance_count: e._count.attendance })) };
}
