// GET /api/events and the events page: the events the viewer may open (admins: all), filtered by
// archive state, course and time. "Upcoming" starts at the college's today (COLLEGE_TIMEZONE), so
// a class that ended this morning is still listed with today's; it lists soonest first, "past"
// and "all" newest first.
import type { z } from "zod";
import type { Prisma } from "../../generated/postgresql/client";
import type { AuthUser } from "../auth/authenticate";
import { eventsWhere } from "../auth/scope-filters";
import type { Ctx } from "../context";
import { collegeDay } from "../time/college-day";
import type { EventListOut, EventListQuery } from "./schemas";
import { eventJson } from "./serialize";

export async function listEvents(
  ctx: Ctx,
  viewer: Pick<AuthUser, "id" | "role">,
  query: Pick<EventListQuery, "archived" | "limit" | "course_id"> & { when?: EventListQuery["when"] },
): Promise<z.output<typeof EventListOut>> {
  const now = ctx.clock.now();
  const today = collegeDay(now, ctx.config.COLLEGE_TIMEZONE).start;
  const when = query.when ?? "all";
  const where: Prisma.EventWhereInput = {
    ...eventsWhere(viewer, "event:view"),
    ...(query.archived === "all" ? {} : query.archived === "true" ? { archivedAt: { not: null } } : { archivedAt: null }),
    ...(query.course_id && { courseId: query.course_id }),
    ...(when === "upcoming" ? { endsAt: { gte: today } } : when === "past" ? { endsAt: { lt: today } } : {}),
  };
  const events = await ctx.db.event.findMany({
    where,
    orderBy: when === "upcoming" ? [{ startsAt: "asc" }, { id: "asc" }] : [{ startsAt: "desc" }, { id: "asc" }],
    take: query.limit,
    include: { _count: { select: { attendance: true } } },
  });
  return { events: events.map((e) => ({ ...eventJson(e, now), attendance_count: e._count.attendance })) };
}
