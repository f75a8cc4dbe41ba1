// Courses: CRUD, "my courses" first, instructors, archive, delete with confirmation, events
// that belong to a course, and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { shortId } from "@/lib/random";
import { del, expectError, get, patch, post } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
let other: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  [admin, other] = await Promise.all([createAdminWithToken(), createAdminWithToken()]);
});

const code = () => `CS${shortId().slice(0, 6)}`;
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function newCourse(token: string, extra: Record<string, unknown> = {}) {
  const res = await post("/api/courses", { code: code(), title: "Algorithms", term_label: "2026 Autumn", ...extra }, { token });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("courses CRUD", () => {
  it("creates with defaults (creator teaches it), reads, edits, archives and restores, all audited", async () => {
    const c = await newCourse(admin.token);
    expect(c.id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(c).toMatchObject({ title: "Algorithms", term_label: "2026 Autumn", threshold_percent: 80, archived_at: null, join_code: null, is_instructor: true, enrolled_count: 0, session_count: 0 });
    expect(c.instructors).toEqual([{ id: admin.user.id, email: admin.user.email, full_name: admin.user.fullName }]);
    const seenByOther = await get(`/api/courses/${c.id}`, { token: other.token });
    expect(seenByOther.body).toMatchObject({ id: c.id, is_instructor: false });
    const edited = await patch(`/api/courses/${c.id}`, { title: "Algorithms II", threshold_percent: 75, instructor_ids: [admin.user.id, other.user.id] }, { token: other.token });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: "Algorithms II", threshold_percent: 75, is_instructor: true });
    expect(edited.body.instructors.map((i: { id: string }) => i.id).sort()).toEqual([admin.user.id, other.user.id].sort());
    const archived = await patch(`/api/courses/${c.id}`, { archived: true }, { token: admin.token });
    expect(archived.body.archived_at).not.toBeNull();
    expect((await get("/api/courses", { token: admin.token })).body.items.some((x: { id: string }) => x.id === c.id)).toBe(false);
    expect((await get("/api/courses?archived=true", { token: admin.token })).body.items.some((x: { id: string }) => x.id === c.id)).toBe(true);
    const restored = await patch(`/api/courses/${c.id}`, { archived: false }, { token: admin.token });
    expect(restored.body.archived_at).toBeNull();
    const db = await testDb();
    const actions = (await db.auditLog.findMany({ where: { targetType: "course", targetId: c.id }, select: { action: true } })).map((a) => a.action);
    expect(actions.sort()).toEqual(["course_archived", "course_archived", "course_created", "course_updated"]);
  });

  it("lists the courses I teach first, then the others, and searches code, title and term", async () => {
    const tag = shortId().slice(0, 6);
    const theirs = await newCourse(other.token, { title: `Theirs ${tag}`, term_label: "2099 Spring" });
    const mine = await newCourse(admin.token, { title: `Mine ${tag}`, term_label: "2000 Autumn" });
    const list = await get(`/api/courses?q=${tag}`, { token: admin.token });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([mine.id, theirs.id]);
    const upper = await get(`/api/courses?q=${encodeURIComponent(`THEIRS ${tag}`.toUpperCase())}`, { token: admin.token });
    expect(upper.body.items.map((x: { id: string }) => x.id)).toEqual([theirs.id]);
    const all = await get("/api/courses", { token: admin.token });
    const flags: boolean[] = all.body.items.map((x: { is_instructor: boolean }) => x.is_instructor);
    expect(flags.indexOf(false) === -1 || flags.slice(flags.indexOf(false)).every((f) => !f)).toBe(true);
  });

  it("refuses the same code twice in one term (409 course_exists), on create and on edit", async () => {
    const a = await newCourse(admin.token);
    expectError(await post("/api/courses", { code: a.code, title: "Again", term_label: a.term_label }, { token: admin.token }), 409, "course_exists");
    const b = await newCourse(admin.token, { term_label: "2027 Spring", code: a.code });
    expectError(await patch(`/api/courses/${b.id}`, { term_label: a.term_label }, { token: admin.token }), 409, "course_exists");
  });

  it("instructors must be active admins", async () => {
    const student = await createStudentWithToken();
    const res = expectError(await post("/api/courses", { code: code(), title: "X", instructor_ids: [student.user.id] }, { token: admin.token }), 400, "validation_failed");
    expect(JSON.stringify(res.details)).toContain(student.user.id);
    const c = await newCourse(admin.token);
    expectError(await patch(`/api/courses/${c.id}`, { instructor_ids: [] }, { token: admin.token }), 400, "validation_failed");
  });

  it("events may belong to a course; deleting the course needs confirm=true and keeps its sessions", async () => {
    const c = await newCourse(admin.token);
    const event = await post("/api/events", { title: "Week 1", starts_at: iso(-60), ends_at: iso(3600), course_id: c.id }, { token: admin.token });
    expect(event.status, event.text).toBe(201);
    expect(event.body.course_id).toBe(c.id);
    const standalone = await post("/api/events", { title: "Open day", starts_at: iso(-60), ends_at: iso(3600) }, { token: admin.token });
    expect(standalone.body.course_id).toBeNull();
    expectError(await post("/api/events", { title: "W", starts_at: iso(-60), ends_at: iso(3600), course_id: "AAAAAAAAAAAA" }, { token: admin.token }), 404, "course_not_found");
    const sessions = await get(`/api/events?course_id=${c.id}`, { token: admin.token });
    expect(sessions.body.events.map((e: { id: string }) => e.id)).toEqual([event.body.id]);
    expect((await get(`/api/courses/${c.id}`, { token: admin.token })).body.session_count).toBe(1);
    expectError(await del(`/api/courses/${c.id}`, { token: admin.token }), 409, "course_has_records");
    const ok = await del(`/api/courses/${c.id}?confirm=true`, { token: admin.token });
    expect(ok.body).toEqual({ deleted: true, id: c.id, sessions_kept: 1 });
    expectError(await get(`/api/courses/${c.id}`, { token: admin.token }), 404, "course_not_found");
    const kept = await get(`/api/events/${event.body.id}`, { token: admin.token });
    expect(kept.body.course_id).toBeNull();
    const empty = await newCourse(admin.token);
    expect((await del(`/api/courses/${empty.id}`, { token: admin.token })).status).toBe(200);
  });

  it("rejects bad input and non-admins without writing anything", async () => {
    const db = await testDb();
    const before = await db.course.count();
    const o = { token: admin.token };
    expectError(await post("/api/courses", {}, o), 400, "validation_failed");
    expectError(await post("/api/courses", { code: "", title: "X" }, o), 400, "validation_failed");
    expectError(await post("/api/courses", { code: "=cmd()", title: "X" }, o), 400, "validation_failed");
    expectError(await post("/api/courses", { code: "CS1", title: "X", threshold_percent: 101 }, o), 400, "validation_failed");
    expectError(await post("/api/courses", { code: "CS1", title: "X", extra: 1 }, o), 400, "validation_failed");
    expectError(await post("/api/courses", { code: "CS1", title: "a\u0000b" }, o), 400, "validation_failed");
    expectError(await get("/api/courses/not-an-id", o), 404, "not_found");
    expectError(await get("/api/courses/AAAAAAAAAAAA", o), 404, "course_not_found");
    expectError(await patch("/api/courses/AAAAAAAAAAAA", { title: "X" }, o), 404, "course_not_found");
    expectError(await get("/api/courses?limit=0", o), 400, "validation_failed");
    const student = await createStudentWithToken();
    expectError(await post("/api/courses", { code: "CS1", title: "X" }, { token: student.token }), 403, "forbidden");
    expectError(await get("/api/courses"), 401, "unauthenticated");
    expect(await db.course.count()).toBe(before);
  });
});
