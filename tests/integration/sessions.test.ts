// Course sessions: a weekly series read in COLLEGE_TIMEZONE (a DST-crossing one in
// Europe/Berlin), skipped dates, editing one session only, and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { createSessions } from "@/lib/courses/create-sessions";
import { SessionSeriesInput } from "@/lib/courses/schemas";
import { expectError, get, patch, post } from "../support/api";
import { createCourse } from "../support/courses";
import { testConfig, testCtx, testDb } from "../support/db";
import { createAdminWithToken } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

const series = { weekdays: ["mon", "wed"], start_time: "09:00", duration_minutes: 90, first_date: "2031-01-06", last_date: "2031-01-22", skip_dates: ["2031-01-15", "2031-01-16"] };

describe("POST /api/courses/{id}/sessions", () => {
  it("creates the weekly series in the college time zone (UTC here), skipping dates; each session is its own event", async () => {
    const course = await createCourse(admin.token);
    const res = await post(`/api/courses/${course.id}/sessions`, { ...series, location: "LT1" }, { token: admin.token });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ course_id: course.id, time_zone: "UTC", created: 5, skipped_dates: ["2031-01-15"] });
    expect(res.body.sessions.map((s: { local_date: string; starts_at: string; ends_at: string }) => [s.local_date, s.starts_at, s.ends_at])).toEqual([
      ["2031-01-06", "2031-01-06T09:00:00.000Z", "2031-01-06T10:30:00.000Z"],
      ["2031-01-08", "2031-01-08T09:00:00.000Z", "2031-01-08T10:30:00.000Z"],
      ["2031-01-13", "2031-01-13T09:00:00.000Z", "2031-01-13T10:30:00.000Z"],
      ["2031-01-20", "2031-01-20T09:00:00.000Z", "2031-01-20T10:30:00.000Z"],
      ["2031-01-22", "2031-01-22T09:00:00.000Z", "2031-01-22T10:30:00.000Z"],
    ]);
    expect(res.body.sessions[0].title).toBe(`${course.code} Algorithms`);
    const listed = await get(`/api/events?course_id=${course.id}`, { token: admin.token });
    expect(listed.body.events).toHaveLength(5);
    expect(listed.body.events[0]).toMatchObject({ course_id: course.id, location: "LT1", late_after_minutes: 10 });

    const one = res.body.sessions[2];
    const moved = await patch(`/api/events/${one.id}`, { starts_at: "2031-01-13T11:00:00Z", ends_at: "2031-01-13T12:30:00Z", location: "LT2" }, { token: admin.token });
    expect(moved.status, moved.text).toBe(200);
    const after = await get(`/api/events?course_id=${course.id}`, { token: admin.token });
    const byId = new Map(after.body.events.map((e: { id: string; starts_at: string; location: string }) => [e.id, e]));
    for (const s of res.body.sessions) {
      const e = byId.get(s.id) as { starts_at: string; location: string };
      expect([e.starts_at, e.location]).toEqual(s.id === one.id ? ["2031-01-13T11:00:00.000Z", "LT2"] : [s.starts_at, "LT1"]);
    }
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "sessions_created", targetId: course.id } })).toBe(1);
  });

  it("keeps 09:00 Berlin time across the last Sunday of October (DST ends)", async () => {
    const course = await createCourse(admin.token);
    const ctx = await testCtx({ config: { ...testConfig(), COLLEGE_TIMEZONE: "Europe/Berlin" } });
    const input = SessionSeriesInput.parse({ weekdays: ["mon"], start_time: "09:00", duration_minutes: 60, first_date: "2026-10-19", last_date: "2026-11-02" });
    const out = await createSessions(ctx, admin.user.id, course.id, input);
    expect(out.time_zone).toBe("Europe/Berlin");
    expect(out.sessions.map((s) => [s.local_date, s.starts_at])).toEqual([
      ["2026-10-19", "2026-10-19T07:00:00.000Z"], // CEST, UTC+2
      ["2026-10-26", "2026-10-26T08:00:00.000Z"], // CET, UTC+1: still 09:00 on the wall clock
      ["2026-11-02", "2026-11-02T08:00:00.000Z"],
    ]);
    const db = await testDb();
    const stored = await db.event.findMany({ where: { courseId: course.id }, orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true } });
    expect(stored.map((e) => [e.startsAt.toISOString(), e.endsAt.getTime() - e.startsAt.getTime()])).toEqual([
      ["2026-10-19T07:00:00.000Z", 3_600_000],
      ["2026-10-26T08:00:00.000Z", 3_600_000],
      ["2026-11-02T08:00:00.000Z", 3_600_000],
    ]);
  });

  it("refuses bad schedules and writes nothing", async () => {
    const course = await createCourse(admin.token);
    const o = { token: admin.token };
    const db = await testDb();
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, weekdays: [] }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, weekdays: ["monday"] }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, start_time: "25:00" }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, last_date: "2031-01-01" }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, first_date: "2031-02-30" }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, weekdays: ["sun"], last_date: "2031-01-07" }, o), 400, "validation_failed");
    expectError(await post(`/api/courses/${course.id}/sessions`, { ...series, weekdays: ["mon", "tue", "wed", "thu", "fri"], last_date: "2031-12-31" }, o), 400, "validation_failed");
    expectError(await post("/api/courses/AAAAAAAAAAAA/sessions", series, o), 404, "course_not_found");
    expect(await db.event.count({ where: { courseId: course.id } })).toBe(0);
  });
});
