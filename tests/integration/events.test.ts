// Event CRUD, archive and delete, the roster with manual marks, CSV export, and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { del, expectError, get, patch, post, request } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const base = () => ({ title: "Algorithms 101", starts_at: iso(-60), ends_at: iso(3600) });

async function newEvent(extra: Record<string, unknown> = {}) {
  const res = await post("/api/events", { ...base(), ...extra }, { token: admin.token });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("events CRUD", () => {
  it("creates with defaults, reads, lists, edits, archives and restores (all audited)", async () => {
    const e = await newEvent({ description: "Week 3", location: "LT1", allowed_cidrs: ["10.1.0.0/16"], geofence: { lat: 1, lng: 2, radius_m: 50 } });
    expect(e.id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(e).toMatchObject({ title: "Algorithms 101", description: "Week 3", location: "LT1", late_after_minutes: 10, archived_at: null, checkin_open: false, checkin_state: "not_started", allowed_cidrs: ["10.1.0.0/16"], geofence: { lat: 1, lng: 2, radius_m: 50 }, block_shared_devices: false });
    const got = await get(`/api/events/${e.id}`, { token: admin.token });
    expect(got.body).toMatchObject({ id: e.id, attendance_count: 0 });
    const edited = await patch(`/api/events/${e.id}`, { title: "Algorithms 102", late_after_minutes: 5, geofence: null, block_shared_devices: true }, { token: admin.token });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: "Algorithms 102", late_after_minutes: 5, geofence: null, block_shared_devices: true });
    const archived = await patch(`/api/events/${e.id}`, { archived: true }, { token: admin.token });
    expect(archived.body.archived_at).not.toBeNull();
    const active = await get("/api/events", { token: admin.token });
    expect(active.body.events.some((x: { id: string }) => x.id === e.id)).toBe(false);
    const arch = await get("/api/events?archived=true", { token: admin.token });
    expect(arch.body.events.some((x: { id: string }) => x.id === e.id)).toBe(true);
    expectError(await post("/api/admin/qr-sessions", { event_id: e.id }, { token: admin.token }), 409, "event_closed");
    await patch(`/api/events/${e.id}`, { archived: false }, { token: admin.token });
    const db = await testDb();
    const actions = (await db.auditLog.findMany({ where: { targetId: e.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["event_created", "event_updated", "event_archived"]));
  });

  it("refuses ends_at before starts_at, on create and on edit", async () => {
    expectError(await post("/api/events", { ...base(), ends_at: iso(-120) }, { token: admin.token }), 400, "validation_failed");
    const e = await newEvent();
    expectError(await patch(`/api/events/${e.id}`, { ends_at: iso(-3600) }, { token: admin.token }), 400, "validation_failed");
  });

  it("deleting an event with attendance needs confirm=true and is audited", async () => {
    const e = await newEvent();
    const s = await createStudentWithToken();
    await post(`/api/events/${e.id}/attendance`, { user_id: s.user.id, reason: "forgot phone" }, { token: admin.token });
    expectError(await del(`/api/events/${e.id}`, { token: admin.token }), 409, "event_has_attendance");
    const ok = await del(`/api/events/${e.id}?confirm=true`, { token: admin.token });
    expect(ok.body).toMatchObject({ deleted: true, attendance_deleted: 1 });
    expectError(await get(`/api/events/${e.id}`, { token: admin.token }), 404, "event_not_found");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "event_deleted", targetId: e.id } })).toBe(1);
    const empty = await newEvent();
    expect((await del(`/api/events/${empty.id}`, { token: admin.token })).status).toBe(200);
  });

  it("is for staff: a student lists no events and cannot create one", async () => {
    const s = await createStudentWithToken();
    await newEvent();
    const listed = await get("/api/events", { token: s.token });
    expect(listed.status).toBe(200);
    expect(listed.body.events).toEqual([]);
    expectError(await post("/api/events", base(), { token: s.token }), 403, "forbidden");
    expectError(await get("/api/events"), 401, "unauthenticated");
  });

  it("rejects bad input on every event endpoint and changes nothing", async () => {
    const o = { token: admin.token };
    const db = await testDb();
    const title = `bad-input-${Date.now()}`;
    const base = () => ({ title, starts_at: iso(-60), ends_at: iso(3600) });
    expectError(await post("/api/events", {}, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), title: "" }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), ends_at: undefined }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), title: "x".repeat(5000) }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), starts_at: "yesterday" }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), late_after_minutes: -1 }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), late_after_minutes: "5" }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), allowed_cidrs: ["not-a-range"] }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), geofence: { lat: 100, lng: 0, radius_m: 50 } }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), id: "AAAAAAAAAAAA" }, o), 400, "validation_failed");
    expectError(await post("/api/events", { ...base(), description: "d".repeat(70_000) }, o), 413, "payload_too_large");
    expectError(await request("POST", "/api/events", { ...o, raw: "{", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/events", { ...o, raw: "title=x", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    expectError(await get("/api/events?archived=maybe", o), 400, "validation_failed");
    expectError(await get("/api/events?limit=0", o), 400, "validation_failed");
    expectError(await get("/api/events/short", o), 404, "not_found");
    expectError(await get("/api/events/AAAAAAAAAAAA", o), 404, "event_not_found");
    expectError(await patch("/api/events/AAAAAAAAAAAA", { title: "x" }, o), 404, "event_not_found");
    const e = await newEvent();
    expectError(await patch(`/api/events/${e.id}`, {}, o), 400, "validation_failed");
    expectError(await patch(`/api/events/${e.id}`, { archived: "yes" }, o), 400, "validation_failed");
    expectError(await patch(`/api/events/${e.id}`, { nope: 1 }, o), 400, "validation_failed");
    expectError(await del(`/api/events/${e.id}?confirm=maybe`, o), 400, "validation_failed");
    expectError(await del("/api/events/AAAAAAAAAAAA", o), 404, "event_not_found");
    for (const path of ["attendance", "attendance.csv", "checkin"]) expectError(await get(`/api/events/bad!/${path}`, o), 404, "not_found");
    for (const path of ["checkin/start", "checkin/stop", "qr-sessions/revoke"]) expectError(await post(`/api/events/AAAAAAAAAAAA/${path}`, undefined, o), 404, "event_not_found");
    expect(await db.event.count({ where: { title } })).toBe(0);
    expect((await get(`/api/events/${e.id}`, o)).body.title).toBe("Algorithms 101");
  });
});

describe("roster, manual marks and CSV", () => {
  it("manual mark and unmark with a reason: roster, counts, audit, notification", async () => {
    const e = await newEvent();
    const s = await createUser({ role: "student", fullName: "Ada Lovelace" });
    const res = await post(`/api/events/${e.id}/attendance`, { user_id: s.id, reason: "phone battery died" }, { token: admin.token });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ user_id: s.id, full_name: "Ada Lovelace", email: s.email, status: "present", method: "manual", device_flag: false });
    expectError(await post(`/api/events/${e.id}/attendance`, { user_id: s.id, reason: "again" }, { token: admin.token }), 409, "conflict");
    const roster = await get(`/api/events/${e.id}/attendance`, { token: admin.token });
    expect(roster.body.attendance).toEqual([
      { user_id: s.id, enrollment_id: null, full_name: "Ada Lovelace", email: s.email, marked_at: res.body.marked_at, status: "present", method: "manual", device_flag: false, reason: "phone battery died" },
    ]);
    expect(roster.body.counts).toMatchObject({ total: 1, present: 1, late: 0, manual: 1, scan: 0 });
    const un = await post(`/api/events/${e.id}/attendance/unmark`, { user_id: s.id, reason: "marked by mistake" }, { token: admin.token });
    expect(un.status).toBe(200);
    expectError(await post(`/api/events/${e.id}/attendance/unmark`, { user_id: s.id, reason: "twice" }, { token: admin.token }), 404, "attendance_not_found");
    expect((await get(`/api/events/${e.id}/attendance`, { token: admin.token })).body.attendance).toEqual([]);
    const db = await testDb();
    const audits = await db.auditLog.findMany({ where: { targetId: e.id, action: { in: ["attendance_manual", "attendance_unmarked"] } } });
    expect(audits.map((a) => [a.action, JSON.parse(a.details).reason]).sort()).toEqual([["attendance_manual", "phone battery died"], ["attendance_unmarked", "marked by mistake"]]);
    // the mark, then its removal (the student sees why: docs/courses.md)
    const notes = await db.notification.findMany({ where: { userId: s.id, type: "attendance_marked" }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => n.body)).toEqual(["", "marked by mistake"]);
  });

  it("manual marks refuse admins, unknown users and missing reasons", async () => {
    const e = await newEvent();
    const o = { token: admin.token };
    expectError(await post(`/api/events/${e.id}/attendance`, { user_id: admin.user.id, reason: "test it" }, o), 403, "not_a_student");
    expectError(await post(`/api/events/${e.id}/attendance`, { user_id: "nobody", reason: "test it" }, o), 404, "not_found");
    expectError(await post(`/api/events/${e.id}/attendance`, { user_id: "nobody" }, o), 400, "validation_failed");
    expectError(await post(`/api/events/${e.id}/attendance`, { user_id: "nobody", reason: "ok!", status: "absent" }, o), 400, "validation_failed");
    expectError(await post(`/api/events/${e.id}/attendance/unmark`, { user_id: "x" }, o), 400, "validation_failed");
    expectError(await post("/api/events/AAAAAAAAAAAA/attendance", { user_id: "x", reason: "abc" }, o), 404, "event_not_found");
  });

  it("exports CSV with every row and neutralised formulas", async () => {
    const e = await newEvent();
    const evil = await createUser({ role: "student", fullName: '=HYPERLINK("http://evil","x")' });
    const plain = await createUser({ role: "student", fullName: "Grace, \"Amazing\" Hopper" });
    await post(`/api/events/${e.id}/attendance`, { user_id: evil.id, reason: "+1 manual" }, { token: admin.token });
    await post(`/api/events/${e.id}/attendance`, { user_id: plain.id, reason: "late bus", status: "late" }, { token: admin.token });
    const res = await get(`/api/events/${e.id}/attendance.csv`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    // named after the event (no course here) and its local start; the full layout is in report-exports.test.ts
    expect(res.headers["content-disposition"]).toMatch(/filename="Algorithms_101-\d{4}-\d{2}-\d{2}-\d{4}\.csv"/);
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe('\uFEFF"Name","Email","Student number","Status","Account","On the roster","Marked at (UTC)","How","Reason","Shared device"');
    expect(lines).toHaveLength(3);
    const evilLine = lines.find((l) => l.includes(evil.email))!;
    const plainLine = lines.find((l) => l.includes(plain.email))!;
    expect(evilLine).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(evilLine).toContain(`"'+1 manual"`);
    expect(plainLine).toContain(`"Grace, ""Amazing"" Hopper"`);
    expect(plainLine).toContain('"late","yes","no (walk-in)"');
    // an event in no course of theirs is hidden from a student, as if it did not exist
    const s = await createStudentWithToken();
    expectError(await get(`/api/events/${e.id}/attendance.csv`, { token: s.token }), 404, "event_not_found");
  });
});
