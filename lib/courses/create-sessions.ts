// POST /api/courses/{id}/sessions: a weekly series of sessions (ordinary events with course_id),
// created in one transaction and audited. Each is its own event afterwards: editing one
// (PATCH /api/events/{id}) changes only it.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { shortId } from "../random";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";
import { MAX_SERIES_SESSIONS, type SessionSeriesInput } from "./schemas";
import { weeklySeries } from "./weekly-series";

export async function createSessions(ctx: Ctx, actorId: string, courseId: string, input: SessionSeriesInput) {
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const { sessions, skipped } = weeklySeries(input, timeZone);
  if (sessions.length === 0) throw new AppError("validation_failed", "No date in that range falls on the chosen weekdays (after the skipped dates).", [{ path: "body.weekdays", code: "empty_series", message: "the series has no session" }]);
  if (sessions.length > MAX_SERIES_SESSIONS) {
    throw new AppError("validation_failed", `A series makes at most ${MAX_SERIES_SESSIONS} sessions; this one would make ${sessions.length}.`, [{ path: "body.last_date", code: "too_many_sessions", message: `at most ${MAX_SERIES_SESSIONS}` }]);
  }
  return transact(ctx, async (tx) => {
    const course = await findCourseOrThrow(tx, courseId);
    if (course.archivedAt) throw new AppError("conflict", "This course is archived. Restore it before adding sessions.");
    const title = input.title ?? `${course.code} ${course.title}`;
    const rows = sessions.map((s) => ({
      id: shortId(ctx.random),
      title,
      location: input.location,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      lateAfterMinutes: input.late_after_minutes,
      courseId,
      createdById: actorId,
    }));
    await tx.event.createMany({ data: rows });
    await recordAudit(tx, ctx, {
      action: "sessions_created",
      actorId,
      targetType: "course",
      targetId: courseId,
      details: { count: rows.length, time_zone: timeZone, first: sessions[0]!.localDate, last: sessions.at(-1)!.localDate, weekdays: input.weekdays, start_time: input.start_time },
    });
    return {
      course_id: courseId,
      time_zone: timeZone,
      created: rows.length,
      skipped_dates: skipped,
      sessions: rows.map((r, i) => ({ id: r.id, title: r.title, starts_at: r.startsAt.toISOString(), ends_at: r.endsAt.toISOString(), local_date: sessions[i]!.localDate })),
    };
  });
}
