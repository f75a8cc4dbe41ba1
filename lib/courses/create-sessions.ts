// POST /api/courses/{id}/sessions: a weekly series of sessions (ordinary events with course_id),
// created in one transaction and audited (docs/courses.md#sessions). Each is its own event
// afterwards: editing one (PATCH /api/events/{id}) changes only it, and its title carries its
// date ("INF2040 · Mon 7 Dec") so sessions of a series can be told apart in every list.
//
// A series never lands on top of the course's existing sessions: an overlap is refused (409
// sessions_overlap, with the dates in the college's zone) unless the caller asks to skip the
// existing ones. The check and the inserts run under the course's lock (lock-course.ts), so two identical requests — a double click on
// "Create sessions", a client's retry — run one after the other and the second sees the first's
// sessions: the series is created once.
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { shortId } from "../random";
import { formatRange, formatTime } from "../time/format";
import { transact } from "../transact";
import { findCourseOrThrow } from "./get-course";
import { lockCourse } from "./lock-course";
import { MAX_SERIES_SESSIONS, type SessionSeriesInput } from "./schemas";
import { weeklySeries, type PlannedSession } from "./weekly-series";

/** "INF2040 · Mon 7 Dec": the base title and the session's date in the college's zone. */
export function sessionTitle(base: string, startsAt: Date, timeZone: string): string {
  return `${base} · ${formatTime(startsAt, { timeZone, style: "day", label: false })}`;
}

interface Existing {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

const overlaps = (s: PlannedSession, e: Existing) => e.startsAt < s.endsAt && e.endsAt > s.startsAt;

export async function createSessions(ctx: Ctx, actorId: string, courseId: string, input: SessionSeriesInput) {
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const { sessions, skipped } = weeklySeries(input, timeZone);
  if (sessions.length === 0) throw new AppError("validation_failed", "No date in that range falls on the chosen weekdays (after the skipped dates).", [{ path: "body.weekdays", code: "empty_series", message: "the series has no session" }]);
  if (sessions.length > MAX_SERIES_SESSIONS) {
    throw new AppError("validation_failed", `A series makes at most ${MAX_SERIES_SESSIONS} sessions; this one would make ${sessions.length}.`, [{ path: "body.last_date", code: "too_many_sessions", message: `at most ${MAX_SERIES_SESSIONS}` }]);
  }
  return transact(ctx, async (tx) => {
    await lockCourse(tx, courseId);
    const course = await findCourseOrThrow(tx, courseId);
    if (course.archivedAt) throw new AppError("conflict", "This course is archived. Restore it before adding sessions.");
    const existing = await tx.event.findMany({
      where: { courseId, startsAt: { lt: sessions.at(-1)!.endsAt }, endsAt: { gt: sessions[0]!.startsAt } },
      orderBy: { startsAt: "asc" },
      select: { id: true, title: true, startsAt: true, endsAt: true },
    });
    const clashes = sessions.map((s) => ({ s, with: existing.filter((e) => overlaps(s, e)) })).filter((c) => c.with.length > 0);
    if (clashes.length > 0 && input.existing !== "skip") {
      const day = (d: Date) => formatTime(d, { timeZone, style: "date", label: false });
      throw new AppError(
        "sessions_overlap",
        `${course.code} already has sessions at that time on ${clashes.length} of these dates (${timeZone}): ${clashes.slice(0, 10).map((c) => day(c.s.startsAt)).join(", ")}${clashes.length > 10 ? ", …" : ""}. Choose other dates, or send "existing": "skip" to create only the others.`,
        {
          time_zone: timeZone,
          local_dates: clashes.map((c) => c.s.localDate),
          dates: clashes.map((c) => day(c.s.startsAt)),
          existing: [...new Map(clashes.flatMap((c) => c.with).map((e) => [e.id, e])).values()].map((e) => ({
            id: e.id,
            title: e.title,
            starts_at: e.startsAt.toISOString(),
            ends_at: e.endsAt.toISOString(),
            when: formatRange(e.startsAt, e.endsAt, { timeZone }),
          })),
        },
      );
    }
    const clashing = new Set(clashes.map((c) => c.s));
    const fresh = sessions.filter((s) => !clashing.has(s));
    const base = input.title ?? course.code;
    const rows = fresh.map((s) => ({
      id: shortId(ctx.random),
      title: sessionTitle(base, s.startsAt, timeZone),
      location: input.location,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      lateAfterMinutes: input.late_after_minutes,
      courseId,
      createdById: actorId,
    }));
    if (rows.length > 0) {
      await tx.event.createMany({ data: rows });
      await recordAudit(tx, ctx, {
        action: "sessions_created",
        actorId,
        targetType: "course",
        targetId: courseId,
        details: {
          count: rows.length,
          time_zone: timeZone,
          first: fresh[0]!.localDate,
          last: fresh.at(-1)!.localDate,
          weekdays: input.weekdays,
          start_time: input.start_time,
          skipped_existing: clashes.map((c) => c.s.localDate),
        },
      });
    }
    return {
      course_id: courseId,
      time_zone: timeZone,
      created: rows.length,
      skipped_dates: skipped,
      skipped_existing: clashes.map((c) => c.s.localDate),
      sessions: rows.map((r, i) => ({ id: r.id, title: r.title, starts_at: r.startsAt.toISOString(), ends_at: r.endsAt.toISOString(), local_date: fresh[i]!.localDate })),
    };
  });
}
