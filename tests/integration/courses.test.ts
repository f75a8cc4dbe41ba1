// Courses: CRUD, "my courses" first, instructors, archive, delete with confirmation (sessions
// deleted with their attendance audited, or kept), events that belong to a course, and bad input.
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

  it("instructors must be active instructors or admins", async () => {
    const student = await createStudentWithToken();
    const res = expectError(await post("/api/courses", { code: code(), title: "X", instructor_ids: [student.user.id] }, { token: admin.token }), 400, "validation_failed");
    expect(JSON.stringify(res.details)).toContain(student.user.id);
    const c = await newCourse(admin.token);
    expectError(await patch(`/api/courses/${c.id}`, { instructor_ids: [] }, { token: admin.token }), 400, "validation_failed");
  });

  it("events may belong to a course; deleting the course needs confirm=true, says how many, and deletes its sessions with their attendance kept in the audit log", async () => {
    const c = await newCourse(admin.token);
    const event = await post("/api/events", { title: "Week 1", starts_at: iso(-60), ends_at: iso(3600), course_id: c.id }, { token: admin.token });
    expect(event.status, event.text).toBe(201);
    expect(event.body.course_id).toBe(c.id);
    const second = await post("/api/events", { title: "Week 2", starts_at: iso(7 * 86400), ends_at: iso(7 * 86400 + 3600), course_id: c.id }, { token: admin.token });
    const standalone = await post("/api/events", { title: "Open day", starts_at: iso(-60), ends_at: iso(3600) }, { token: admin.token });
    expect(standalone.body.course_id).toBeNull();
    expectError(await post("/api/events", { title: "W", starts_at: iso(-60), ends_at: iso(3600), course_id: "AAAAAAAAAAAA" }, { token: admin.token }), 404, "course_not_found");
    const sessions = await get(`/api/events?course_id=${c.id}`, { token: admin.token });
    expect(sessions.body.events.map((e: { id: string }) => e.id).sort()).toEqual([event.body.id, second.body.id].sort());
    expect((await get(`/api/courses/${c.id}`, { token: admin.token })).body.session_count).toBe(2);
    const student = await createStudentWithToken();
    const mark = await post(`/api/events/${event.body.id}/attendance`, { user_id: student.user.id, status: "excused", reason: "doctor's note" }, { token: admin.token });
    expect(mark.status, mark.text).toBe(201);

    const refused = expectError(await del(`/api/courses/${c.id}`, { token: admin.token }), 409, "course_has_records");
    expect(refused.details).toEqual({ session_count: 2, enrolled_count: 0, attendance_count: 1 });
    const ok = await del(`/api/courses/${c.id}?confirm=true`, { token: admin.token });
    expect(ok.body).toEqual({ deleted: true, id: c.id, sessions_deleted: 2, sessions_kept: 0, attendance_archived: 1 });
    expectError(await get(`/api/courses/${c.id}`, { token: admin.token }), 404, "course_not_found");
    expectError(await get(`/api/events/${event.body.id}`, { token: admin.token }), 404, "event_not_found");
    expectError(await get(`/api/events/${second.body.id}`, { token: admin.token }), 404, "event_not_found");
    expect((await get(`/api/events/${standalone.body.id}`, { token: admin.token })).status).toBe(200);
    const db = await testDb();
    expect(await db.event.count({ where: { id: { in: [event.body.id, second.body.id] } } })).toBe(0);
    expect(await db.attendanceRecord.count({ where: { eventId: event.body.id } })).toBe(0);
    const trail = await db.auditLog.findFirstOrThrow({ where: { action: "event_deleted", targetId: event.body.id } });
    expect(trail.actorId).toBe(admin.user.id);
    expect(JSON.parse(trail.details)).toMatchObject({
      title: "Week 1",
      reason: "course_deleted",
      course_id: c.id,
      course_code: c.code,
      attendance_count: 1,
      attendance: [{ user_id: student.user.id, email: student.user.email, full_name: student.user.fullName, status: "excused", method: "manual", reason: "doctor's note" }],
    });
    const courseTrail = await db.auditLog.findFirstOrThrow({ where: { action: "course_deleted", targetId: c.id } });
    expect(JSON.parse(courseTrail.details)).toMatchObject({ sessions_deleted: 2, sessions_kept: 0, attendance_archived: 1 });
    const empty = await newCourse(admin.token);
    expect((await del(`/api/courses/${empty.id}`, { token: admin.token })).status).toBe(200);
  });

  it("deleting a course with sessions=keep leaves its sessions as standalone events; the roster's own marks go to the audit log", async () => {
    const c = await newCourse(admin.token);
    const event = await post("/api/events", { title: "Week 1", starts_at: iso(-60), ends_at: iso(3600), course_id: c.id }, { token: admin.token });
    // a student without an account, marked: that mark belongs to the roster, which goes
    const noAccount = `zoe.${shortId().slice(0, 6).toLowerCase()}@example.edu`;
    expect((await post(`/api/courses/${c.id}/enrollments`, { email: noAccount, full_name: "Zoe Noaccount" }, { token: admin.token })).status).toBe(201);
    const mark = await post(`/api/events/${event.body.id}/attendance`, { email: noAccount, status: "present", reason: "signed the paper list" }, { token: admin.token });
    expect(mark.status, mark.text).toBe(201);
    const ok = await del(`/api/courses/${c.id}?confirm=true&sessions=keep`, { token: admin.token });
    expect(ok.body).toEqual({ deleted: true, id: c.id, sessions_deleted: 0, sessions_kept: 1, attendance_archived: 1 });
    const kept = await get(`/api/events/${event.body.id}`, { token: admin.token });
    expect(kept.body.course_id).toBeNull();
    const db = await testDb();
    const trail = await db.auditLog.findFirstOrThrow({ where: { action: "course_deleted", targetId: c.id } });
    expect(JSON.parse(trail.details).roster_marks).toEqual([
      expect.objectContaining({ event_id: event.body.id, email: noAccount, full_name: "Zoe Noaccount", status: "present", method: "manual", reason: "signed the paper list" }),
    ]);
    expectError(await del(`/api/courses/${c.id}?confirm=true&sessions=maybe`, { token: admin.token }), 400, "validation_failed");
  });

  it("deletes racing series creation leave no orphan session: 10 deletes and 10 series at once", async () => {
    const c = await newCourse(admin.token);
    const series = (i: number) => ({ title: `Race ${c.code} ${i}`, weekdays: ["mon"], start_time: `${String(8 + i).padStart(2, "0")}:00`, duration_minutes: 30, first_date: "2032-01-05", last_date: "2032-01-26" });
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => post(`/api/courses/${c.id}/sessions`, series(i), { token: admin.token })),
      ...Array.from({ length: 10 }, () => del(`/api/courses/${c.id}?confirm=true`, { token: admin.token })),
    ]);
    const deletes = results.slice(10);
    expect(deletes.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of deletes.filter((x) => x.status !== 200)) expect([r.status, r.body.error.code]).toEqual([404, "course_not_found"]);
    for (const r of results.slice(0, 10)) expect([201, 404]).toContain(r.status);
    const db = await testDb();
    expect(await db.event.count({ where: { title: { startsWith: `Race ${c.code}` } } })).toBe(0);
  });

  it("rejects bad input and non-admins without writing anything", async () => {
    const db = await testDb();
    // only the courses these requests would have made (other files create courses meanwhile)
    const mine = { where: { OR: [{ code: "CS1" }, { title: "X" }] } };
    const before = await db.course.count(mine);
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
    expect(await db.course.count(mine)).toBe(before);
  });
});
