// Searches people type ignore case and accents: "muller" finds "Müller" in the accounts (the
// users page, the enrol search), a course's roster and a session's live roster.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { get, post } from "../support/api";
import { createCourse } from "../support/courses";
import { uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

describe("accent-insensitive search", () => {
  it("finds Müller by 'muller', Straße by 'strasse' and Łukasz by 'lukasz': accounts, roster, live roster", async () => {
    const tag = randomUUID().slice(0, 6);
    const [mueller, weiss, lukasz] = await Promise.all([
      createUser({ fullName: `Jürgen Müller ${tag}` }),
      createUser({ fullName: `Änne Straße ${tag}` }),
      createUser({ fullName: `Łukasz Żółkiewski ${tag}` }),
    ]);
    const o = { token: admin.token };
    const users = async (q: string) => (await get(`/api/admin/users?role=student&limit=10&q=${encodeURIComponent(q)}`, o)).body.users.map((u: { id: string }) => u.id);
    expect(await users(`muller ${tag}`)).toEqual([mueller.id]);
    expect(await users(`MÜLLER ${tag}`)).toEqual([mueller.id]);
    expect(await users(`strasse ${tag}`)).toEqual([weiss.id]);
    expect(await users(`lukasz zolkiewski ${tag}`)).toEqual([lukasz.id]);
    expect(await users(`mueller ${tag}`)).toEqual([]);
    // the course page's enrol search
    const people = async (q: string) => (await get(`/api/people?role=student&q=${encodeURIComponent(q)}`, o)).body.items.map((u: { id: string }) => u.id);
    expect(await people(`muller ${tag}`)).toEqual([mueller.id]);
    expect(await people(`zolkiewski ${tag}`)).toEqual([lukasz.id]); // a phrase: the words in their order

    const course = await createCourse(admin.token);
    for (const u of [mueller, weiss, lukasz]) expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: u.id }, o)).status).toBe(201);
    const zoe = uniqueEmail("zoe");
    expect((await post(`/api/courses/${course.id}/enrollments`, { email: zoe, full_name: "Zoë Ærøskøbing" }, o)).status).toBe(201);
    const roster = async (q: string) => (await get(`/api/courses/${course.id}/enrollments?q=${encodeURIComponent(q)}`, o)).body.items.map((e: { email: string }) => e.email);
    expect(await roster("muller")).toEqual([mueller.email]);
    expect(await roster("aeroskobing")).toEqual([zoe]);
    expect(await roster("ZOE")).toEqual([zoe]);

    const now = Date.now();
    const event = await post("/api/events", { title: "Week 1", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(), course_id: course.id }, o);
    expect(event.status).toBe(201);
    const live = async (q: string) => (await get(`/api/events/${event.body.id}/attendance?q=${encodeURIComponent(q)}`, o)).body.enrolled.map((s: { email: string }) => s.email);
    expect(await live("muller")).toEqual([mueller.email]);
    expect(await live("lukasz")).toEqual([lukasz.email]);
    expect(await live("strasse")).toEqual([weiss.email]);
  });
});
