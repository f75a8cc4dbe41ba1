// Course sessions: a weekly series read in COLLEGE_TIMEZONE (a DST-crossing one in
// Europe/Berlin), skipped dates, titles with their date, editing one session only, a series
// overlapping existing sessions refused (or those dates skipped), identical requests at once
// creating the series once, and bad input.
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
    expect(res.body.sessions.map((x: { title: string }) => x.title)).toEqual(["Mon 6 Jan", "Wed 8 Jan", "Mon 13 Jan", "Mon 20 Jan", "Wed 22 Jan"].map((d) => `${course.code} · ${d}`));
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

  it("names each session with its own date in the college's zone (00:30 in Berlin is the next day in UTC)", async () => {
    const course = await createCourse(admin.token);
    const ctx = await testCtx({ config: { ...testConfig(), COLLEGE_TIMEZONE: "Europe/Berlin" } });
    const out = await createSessions(ctx, admin.user.id, course.id, SessionSeriesInput.parse({ title: "Night lab", weekdays: ["tue"], start_time: "00:30", duration_minutes: 60, first_date: "2031-01-07", last_date: "2031-01-14" }));
    expect(out.sessions.map((x) => [x.title, x.starts_at])).toEqual([
      ["Night lab · Tue 7 Jan", "2031-01-06T23:30:00.000Z"],
      ["Night lab · Tue 14 Jan", "2031-01-13T23:30:00.000Z"],
    ]);
  });
});

describe("a series never lands on the course's existing sessions", () => {
  const o = () => ({ token: admin.token });

  it("refuses an overlapping series with 409 and the dates in the college's zone, writing nothing", async () => {
    const course = await createCourse(admin.token);
    const ctx = await testCtx({ config: { ...testConfig(), COLLEGE_TIMEZONE: "Europe/Berlin" } });
    const first = SessionSeriesInput.parse({ weekdays: ["mon"], start_time: "00:30", duration_minutes: 90, first_date: "2031-01-06", last_date: "2031-01-20" });
    await createSessions(ctx, admin.user.id, course.id, first);
    const db = await testDb();
    const before = await db.event.count({ where: { courseId: course.id } });
    // an hour later on Mondays and Wednesdays: overlaps the Mondays (00:30–02:00), not the Wednesdays
    const later = SessionSeriesInput.parse({ weekdays: ["mon", "wed"], start_time: "01:30", duration_minutes: 60, first_date: "2031-01-06", last_date: "2031-01-15" });
    const refused = await createSessions(ctx, admin.user.id, course.id, later).then(
      () => null,
      (e: unknown) => e as { status: number; code: string; message: string; details: Record<string, unknown> },
    );
    expect([refused?.status, refused?.code]).toEqual([409, "sessions_overlap"]);
    expect(refused?.details).toMatchObject({ time_zone: "Europe/Berlin", local_dates: ["2031-01-06", "2031-01-13"], dates: ["Mon 6 Jan 2031", "Mon 13 Jan 2031"] });
    expect((refused?.details.existing as { when: string }[]).map((e) => e.when)).toEqual([
      "Mon 6 Jan 2031, 00:30–02:00 (Europe/Berlin)",
      "Mon 13 Jan 2031, 00:30–02:00 (Europe/Berlin)",
    ]);
    expect(refused?.message).toContain("Mon 6 Jan 2031, Mon 13 Jan 2031");
    expect(await db.event.count({ where: { courseId: course.id } })).toBe(before);

    // over HTTP (college zone UTC here): the same refusal, then "skip the existing ones"
    const utcCourse = await createCourse(admin.token);
    const base = { weekdays: ["mon"], start_time: "09:00", duration_minutes: 90, first_date: "2031-02-03", last_date: "2031-02-17" };
    expect((await post(`/api/courses/${utcCourse.id}/sessions`, base, o())).status).toBe(201);
    const overlapping = { ...base, weekdays: ["mon", "thu"], start_time: "10:00", last_date: "2031-02-24" };
    const e = expectError(await post(`/api/courses/${utcCourse.id}/sessions`, overlapping, o()), 409, "sessions_overlap");
    expect(e.details).toMatchObject({ time_zone: "UTC", local_dates: ["2031-02-03", "2031-02-10", "2031-02-17"] });
    const skipped = await post(`/api/courses/${utcCourse.id}/sessions`, { ...overlapping, existing: "skip" }, o());
    expect(skipped.status, skipped.text).toBe(201);
    expect(skipped.body.skipped_existing).toEqual(["2031-02-03", "2031-02-10", "2031-02-17"]);
    expect(skipped.body.sessions.map((x: { local_date: string }) => x.local_date)).toEqual(["2031-02-06", "2031-02-13", "2031-02-20", "2031-02-24"]);
    expect(await db.event.count({ where: { courseId: utcCourse.id } })).toBe(3 + 4);
    // a series that only touches (ends as the other starts) is no overlap
    const touching = await post(`/api/courses/${utcCourse.id}/sessions`, { ...base, start_time: "10:30" }, o());
    expect(touching.status, touching.text).toBe(201);
  });

  it("20 identical requests at once (a double click, retries) create the series once", async () => {
    const course = await createCourse(admin.token);
    const body = { weekdays: ["tue", "thu"], start_time: "14:00", duration_minutes: 90, first_date: "2031-03-04", last_date: "2031-03-27" };
    const results = await Promise.all(Array.from({ length: 20 }, () => post(`/api/courses/${course.id}/sessions`, body, o())));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe("sessions_overlap");
    const db = await testDb();
    expect(await db.event.count({ where: { courseId: course.id } })).toBe(8);
    expect(await db.auditLog.count({ where: { action: "sessions_created", targetId: course.id } })).toBe(1);
  });

  it("20 identical 'skip the existing ones' requests at once still make each session once", async () => {
    const course = await createCourse(admin.token);
    const body = { weekdays: ["fri"], start_time: "08:00", duration_minutes: 60, first_date: "2031-04-04", last_date: "2031-05-30", existing: "skip" };
    const results = await Promise.all(Array.from({ length: 20 }, () => post(`/api/courses/${course.id}/sessions`, body, o())));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results.map((r) => r.body.created).sort((a, b) => b - a)).toEqual([9, ...Array(19).fill(0)]);
    const db = await testDb();
    const stored = await db.event.findMany({ where: { courseId: course.id }, select: { startsAt: true } });
    expect(new Set(stored.map((e) => e.startsAt.toISOString())).size).toBe(9);
    expect(stored).toHaveLength(9);
  });
});
