// Marking attendance end to end against the real server: every status of docs/design.md#scanning,
// replay protection per student, the 50-way race, revocation, device sharing, network and
// geofence rules, short codes and scan receipts.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeQrToken } from "@/lib/qr/token";
import { shortId } from "@/lib/random";
import { expectError, get, post, request, uniqueIp } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, tokensFor } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

const iso = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();

async function createEvent(overrides: Record<string, unknown> = {}) {
  const res = await post("/api/events", { title: `Lecture ${shortId().slice(0, 5)}`, starts_at: iso(-60), ends_at: iso(3600), ...overrides }, { token: admin.token });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

async function issueCode(eventId: string, headers: Record<string, string> = {}) {
  const res = await post("/api/admin/qr-sessions", { event_id: eventId }, { token: admin.token, headers });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; event_id: string; qr_payload: string; qr_url: string; short_code: string; issued_at: string; expires_at: string };
}

const mark = (token: string, body: unknown, o: { ip?: string; headers?: Record<string, string>; cookie?: string } = {}) =>
  post("/api/attendance/mark", body, { token, ...o });

async function failures(userId: string) {
  const db = await testDb();
  const rows = await db.auditLog.findMany({ where: { action: "attendance_failed", actorId: userId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

describe("POST /api/admin/qr-sessions", () => {
  it("issues a signed, short, expiring code and opens check-in", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    expect(code.event_id).toBe(event.id);
    expect(code.qr_payload).toMatch(/^v2\.[A-Za-z0-9_-]{4}\.[A-Za-z0-9_-]{52}\.[A-Za-z0-9_-]{22}$/);
    expect(code.qr_url).toMatch(new RegExp(`/s/${code.qr_payload.replace(/\./g, "\\.")}$`));
    expect(code.short_code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(Date.parse(code.expires_at) - Date.parse(code.issued_at)).toBe(60_000);
    const db = await testDb();
    const row = await db.qrSession.findUnique({ where: { id: code.id } });
    expect(row?.nonce).toHaveLength(22);
    const ev = await get(`/api/events/${event.id}`, { token: admin.token });
    expect(ev.body.checkin_open).toBe(true);
  });

  it("two codes for one event are both valid (two projector tabs)", async () => {
    const event = await createEvent();
    const a = await issueCode(event.id);
    const b = await issueCode(event.id);
    const s1 = await createStudentWithToken();
    const s2 = await createStudentWithToken();
    expect((await mark(s1.token, { qr_payload: a.qr_payload })).status).toBe(201);
    expect((await mark(s2.token, { qr_payload: b.qr_payload })).status).toBe(201);
  });

  it("refuses a stopped or ended event, unknown events, and students (to whom the event is hidden)", async () => {
    const stopped = await createEvent();
    await issueCode(stopped.id);
    expect((await post(`/api/events/${stopped.id}/checkin/stop`, undefined, { token: admin.token })).status).toBe(200);
    expectError(await post("/api/admin/qr-sessions", { event_id: stopped.id }, { token: admin.token }), 409, "event_closed");
    const ended = await createEvent({ starts_at: iso(-7200), ends_at: iso(-3600) });
    expectError(await post("/api/admin/qr-sessions", { event_id: ended.id }, { token: admin.token }), 409, "event_closed");
    expectError(await post("/api/admin/qr-sessions", { event_id: "AAAAAAAAAAAA" }, { token: admin.token }), 404, "event_not_found");
    const student = await createStudentWithToken();
    expectError(await post("/api/admin/qr-sessions", { event_id: stopped.id }, { token: student.token }), 404, "event_not_found");
    expectError(await post("/api/admin/qr-sessions", { event_id: stopped.id }), 401, "unauthenticated");
  });

  it("rejects bad input without writing anything", async () => {
    const db = await testDb();
    const before = await db.qrSession.count();
    const o = { token: admin.token };
    expectError(await post("/api/admin/qr-sessions", {}, o), 400, "validation_failed");
    expectError(await post("/api/admin/qr-sessions", { event_id: 5 }, o), 400, "validation_failed");
    expectError(await post("/api/admin/qr-sessions", { event_id: "x".repeat(10_000) }, o), 400, "validation_failed");
    expectError(await post("/api/admin/qr-sessions", { event_id: "AAAAAAAAAAAA", extra: 1 }, o), 400, "validation_failed");
    expectError(await request("POST", "/api/admin/qr-sessions", { ...o, raw: "{nope", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/admin/qr-sessions", { ...o, raw: "event_id=1", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    expectError(await post("/api/admin/qr-sessions/not-an-id/revoke", undefined, o), 404, "not_found");
    expectError(await post("/api/admin/qr-sessions/AAAAAAAAAAAA/revoke", undefined, o), 404, "qr_not_found");
    expect(await db.qrSession.count()).toBe(before);
  });
});

describe("POST /api/attendance/mark", () => {
  it("marks present (201) from the bare payload or the full URL; a repeat is 200 already_marked with the original time", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const first = await mark(s.token, { qr_payload: code.qr_url });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ status: "present", event: { id: event.id, title: event.title } });
    const again = await mark(s.token, { qr_payload: code.qr_payload });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ already_marked: true, marked_at: first.body.marked_at });
    const newer = await issueCode(event.id);
    const third = await mark(s.token, { qr_payload: newer.qr_payload });
    expect(third.status).toBe(200);
    expect(third.body.marked_at).toBe(first.body.marked_at);
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { userId: s.user.id, eventId: event.id } })).toBe(1);
    const notes = await db.notification.findMany({ where: { userId: s.user.id, type: "attendance_marked" } });
    expect(notes).toHaveLength(1);
    const audit = await db.auditLog.findMany({ where: { action: "attendance_marked", actorId: s.user.id } });
    expect(audit).toHaveLength(1);
  });

  it("one projected code admits the whole class, each student once", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const students = await Promise.all([1, 2, 3, 4, 5].map(() => createStudentWithToken()));
    for (const s of students) expect((await mark(s.token, { qr_payload: code.qr_payload })).status).toBe(201);
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { eventId: event.id } })).toBe(5);
    expect(await db.usedNonce.count({ where: { qrSessionId: code.id } })).toBe(5);
  });

  it("marks late after the late threshold", async () => {
    const event = await createEvent({ starts_at: iso(-1800), late_after_minutes: 10 });
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const res = await mark(s.token, { qr_payload: code.qr_payload });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("late");
  });

  it("50 concurrent scans by one student make exactly one record", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const ip = uniqueIp();
    const results = await Promise.all(Array.from({ length: 50 }, () => mark(s.token, { qr_payload: code.qr_payload }, { ip })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    // the repeats are already_marked with the original time, or — past 30 repeats a minute — refused
    expect(statuses.filter((x) => x === 200).length).toBeGreaterThanOrEqual(30);
    const markedAt = results.find((r) => r.status === 201)!.body.marked_at;
    for (const r of results.filter((x) => x.status === 200)) expect(r.body).toMatchObject({ already_marked: true, marked_at: markedAt });
    for (const r of results.filter((x) => x.status !== 200 && x.status !== 201)) expectError(r, 429, "rate_limited");
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { userId: s.user.id, eventId: event.id } })).toBe(1);
    expect(await db.usedNonce.count({ where: { userId: s.user.id } })).toBe(1);
  });

  it("400 qr_malformed, audited with reason, IP and device", async () => {
    const s = await createStudentWithToken();
    const ip = uniqueIp();
    for (const bad of ["hello", "v1.abc.def", "https://example.com/s/nope", "v3." + "A".repeat(52) + "." + "A".repeat(22)]) {
      expectError(await mark(s.token, { qr_payload: bad }, { ip, cookie: "rc_device=dev_malformed_0000001" }), 400, "qr_malformed");
    }
    const rows = await failures(s.user.id);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.details).toMatchObject({ reason: "qr_malformed", ip });
    expect(rows[0]!.ipAddress).toBe(ip);
    expect(rows[0]!.deviceId).toBe("dev_malformed_0000001");
  });

  it("400 qr_invalid_signature for a tampered code or another secret", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const [v, kid, claims, mac] = code.qr_payload.split(".") as [string, string, string, string];
    const flipped = mac[0] === "A" ? "B" : "A";
    expectError(await mark(s.token, { qr_payload: `${v}.${kid}.${claims}.${flipped}${mac.slice(1)}` }), 400, "qr_invalid_signature");
    const forged = encodeQrToken({ qrSessionId: code.id, eventId: event.id, nonce: randomBytes(16), issuedAt: new Date(), lifetimeSeconds: 60 }, "f".repeat(64));
    expectError(await mark(s.token, { qr_payload: forged }), 400, "qr_invalid_signature");
    expect((await failures(s.user.id)).map((f) => f.details.reason)).toEqual(["qr_invalid_signature", "qr_invalid_signature"]);
  });

  it("410 qr_expired after expiry (plus skew); the failure names the event", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const later = new Date(Date.parse(code.expires_at) + 6_000).toISOString();
    expectError(await mark(s.token, { qr_payload: code.qr_payload }, { headers: { "x-test-now": later } }), 410, "qr_expired");
    const [f] = await failures(s.user.id);
    expect(f!.targetId).toBe(event.id);
    const within = new Date(Date.parse(code.expires_at) + 2_000).toISOString();
    expect((await mark(s.token, { qr_payload: code.qr_payload }, { headers: { "x-test-now": within } })).status).toBe(201);
  });

  it("410 qr_revoked after revoking one code or the event's codes", async () => {
    const event = await createEvent();
    const s = await createStudentWithToken();
    const one = await issueCode(event.id);
    const other = await issueCode(event.id);
    const r = await post(`/api/admin/qr-sessions/${one.id}/revoke`, undefined, { token: admin.token });
    expect(r.status).toBe(200);
    expectError(await mark(s.token, { qr_payload: one.qr_payload }), 410, "qr_revoked");
    const ev = await post(`/api/events/${event.id}/qr-sessions/revoke`, undefined, { token: admin.token });
    expect(ev.body.revoked).toBe(1);
    expectError(await mark(s.token, { qr_payload: other.qr_payload }), 410, "qr_revoked");
    // revoking every live code at once: tests/integration/qr-revoke-all.test.ts, on its own database
  });

  it("the projector's status poll reports when the code on screen was revoked elsewhere", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const st = await get(`/api/events/${event.id}/checkin?code=${code.id}`, { token: admin.token });
    expect(st.body).toMatchObject({ checkin_state: "open", code_revoked: false, attendance_count: 0 });
    await post(`/api/admin/qr-sessions/${code.id}/revoke`, undefined, { token: admin.token });
    expect((await get(`/api/events/${event.id}/checkin?code=${code.id}`, { token: admin.token })).body.code_revoked).toBe(true);
    expectError(await get(`/api/events/${event.id}/checkin?code=bad`, { token: admin.token }), 400, "validation_failed");
    expectError(await get(`/api/events/${event.id}/checkin?other=1`, { token: admin.token }), 400, "validation_failed");
  });

  it("403 not_a_student for an admin", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    expectError(await mark(admin.token, { qr_payload: code.qr_payload }), 403, "not_a_student");
    expect((await failures(admin.user.id)).at(-1)!.details.reason).toBe("not_a_student");
  });

  it("409 event_closed once the event has ended, even with an unexpired code", async () => {
    const event = await createEvent({ ends_at: iso(20) });
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    expectError(await mark(s.token, { qr_payload: code.qr_payload }, { headers: { "x-test-now": iso(30) } }), 409, "event_closed");
  });

  it("stopping check-in revokes the code on screen, which then says check-in is closed; starting again issues working codes", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    await post(`/api/events/${event.id}/checkin/stop`, undefined, { token: admin.token });
    const s = await createStudentWithToken();
    // still inside its lifetime, but check-in is closed: "closed", not "withdrawn, scan again"
    expectError(await mark(s.token, { qr_payload: code.qr_payload }), 409, "event_closed");
    expectError(await mark(s.token, { short_code: code.short_code }), 409, "event_closed");
    const st = await get(`/api/events/${event.id}/checkin`, { token: admin.token });
    expect(st.body.checkin_state).toBe("stopped");
    expect((await post(`/api/events/${event.id}/checkin/start`, undefined, { token: admin.token })).body.checkin_open).toBe(true);
    expect((await mark(s.token, { qr_payload: (await issueCode(event.id)).qr_payload })).status).toBe(201);
  });

  it("401 without credentials; bad input is 400 and writes nothing", async () => {
    expectError(await post("/api/attendance/mark", { qr_payload: "x" }), 401, "unauthenticated");
    const s = await createStudentWithToken();
    const o = { token: s.token };
    expectError(await post("/api/attendance/mark", {}, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: 1 }, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: "x".repeat(100_000) }, o), 413, "payload_too_large");
    expectError(await post("/api/attendance/mark", { qr_payload: "x".repeat(600) }, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: "x", extra: true }, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: "x", short_code: "ACDEFG" }, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: "x", latitude: 1 }, o), 400, "validation_failed");
    expectError(await post("/api/attendance/mark", { qr_payload: "x", latitude: 91, longitude: 0 }, o), 400, "validation_failed");
    expectError(await request("POST", "/api/attendance/mark", { ...o, raw: "[", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/attendance/mark", { ...o, raw: "qr_payload=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { userId: s.user.id } })).toBe(0);
  });
});

describe("attempt limit", () => {
  it("after 30 failed attempts in a minute the student gets 429 with Retry-After, even with a valid code", async () => {
    const event = await createEvent();
    const s = await createStudentWithToken();
    for (let i = 0; i < 30; i++) expectError(await mark(s.token, { qr_payload: `junk-${i}` }), 400, "qr_malformed");
    const code = await issueCode(event.id);
    const limited = await mark(s.token, { qr_payload: code.qr_payload });
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // 61 s after the last failure the window (opened by the first) has surely ended, however slow
    // the machine; the code on the screen then is one issued then
    const later = { "x-test-now": new Date(Date.now() + 61_000).toISOString() };
    expect((await mark(s.token, { qr_payload: (await issueCode(event.id, later)).qr_payload }, { headers: later })).status).toBe(201);
  });
});

describe("repeated already_marked requests", () => {
  it("count against the attempt limit: a client re-sending its code in a loop is refused, and refusals write no row each", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    expect((await mark(s.token, { qr_payload: code.qr_payload })).status).toBe(201);
    for (let i = 0; i < 30; i++) expect((await mark(s.token, { qr_payload: code.qr_payload })).body.already_marked).toBe(true);
    const db = await testDb();
    const before = await db.auditLog.count({ where: { actorId: s.user.id } });
    const refused = await Promise.all(Array.from({ length: 20 }, () => mark(s.token, { qr_payload: code.qr_payload })));
    for (const r of refused) expectError(r, 429, "rate_limited");
    expect(await db.auditLog.count({ where: { actorId: s.user.id } })).toBe(before);
    const later = { "x-test-now": new Date(Date.now() + 61_000).toISOString() };
    const fresh = await issueCode(event.id, later);
    expect((await mark(s.token, { qr_payload: fresh.qr_payload }, { headers: later })).body.already_marked).toBe(true);
  });
});

describe("short codes", () => {
  it("marks with the code under the QR, case-insensitively; wrong codes fail and are rate limited", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const res = await mark(s.token, { short_code: code.short_code.toLowerCase() });
    expect(res.status, res.text).toBe(201);
    const t = await createStudentWithToken();
    const ip = uniqueIp();
    let limited = false;
    for (let i = 0; i < 12; i++) {
      const r = await mark(t.token, { short_code: "AAAAAA" }, { ip });
      if (r.status === 429) {
        limited = true;
        expect(r.headers["retry-after"]).toBeTruthy();
        break;
      }
      expectError(r, 400, "short_code_invalid");
    }
    expect(limited).toBe(true);
  });

  it("a short code dies with its qr-session", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const later = new Date(Date.parse(code.expires_at) + 10_000).toISOString();
    expectError(await mark(s.token, { short_code: code.short_code }, { headers: { "x-test-now": later } }), 400, "short_code_invalid");
  });
});

describe("anti-cheat: devices, networks, geofence", () => {
  it("one device marking two accounts flags both, audits and notifies admins", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const cookie = `rc_device=${randomBytes(12).toString("hex")}`;
    const a = await createStudentWithToken();
    const b = await createStudentWithToken();
    expect((await mark(a.token, { qr_payload: code.qr_payload }, { cookie })).body.device_flag).toBe(false);
    const second = await mark(b.token, { qr_payload: code.qr_payload }, { cookie });
    expect(second.status).toBe(201);
    expect(second.body.device_flag).toBe(true);
    const roster = await get(`/api/events/${event.id}/attendance`, { token: admin.token });
    expect(roster.body.attendance.map((r: { device_flag: boolean }) => r.device_flag)).toEqual([true, true]);
    expect(roster.body.counts.device_flagged).toBe(2);
    const db = await testDb();
    const audit = await db.auditLog.findFirst({ where: { action: "device_shared", targetId: event.id } });
    expect(JSON.parse(audit!.details).user_ids.sort()).toEqual([a.user.id, b.user.id].sort());
    expect(await db.notification.count({ where: { userId: admin.user.id, type: "device_shared", link: `/admin/events/${event.id}` } })).toBe(1);
  });

  it("blocks the second account when the event blocks shared devices", async () => {
    const event = await createEvent({ block_shared_devices: true });
    const code = await issueCode(event.id);
    const cookie = `rc_device=${randomBytes(12).toString("hex")}`;
    const a = await createStudentWithToken();
    const b = await createStudentWithToken();
    expect((await mark(a.token, { qr_payload: code.qr_payload }, { cookie })).status).toBe(201);
    expectError(await mark(b.token, { qr_payload: code.qr_payload }, { cookie }), 403, "device_shared");
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { eventId: event.id } })).toBe(1);
    expect((await failures(b.user.id))[0]!.details.reason).toBe("device_shared");
    const audit = await db.auditLog.findFirst({ where: { action: "device_shared", targetId: event.id } });
    expect(JSON.parse(audit!.details).blocked).toBe(true);
  });

  it("allowed CIDR ranges: outside is 403 network_not_allowed, inside marks", async () => {
    const outside = await createEvent({ allowed_cidrs: ["10.0.0.0/8", "2001:db8::/32"] });
    const inside = await createEvent({ allowed_cidrs: ["127.0.0.0/8"] });
    const s = await createStudentWithToken();
    expectError(await mark(s.token, { qr_payload: (await issueCode(outside.id)).qr_payload }), 403, "network_not_allowed");
    expect((await mark(s.token, { qr_payload: (await issueCode(inside.id)).qr_payload })).status).toBe(201);
    expect((await failures(s.user.id))[0]!.details.reason).toBe("network_not_allowed");
  });

  it("geofence: location required, outside refused, inside marks", async () => {
    const event = await createEvent({ geofence: { lat: 52.2053, lng: 0.1218, radius_m: 100 } });
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    expectError(await mark(s.token, { qr_payload: code.qr_payload }), 400, "location_required");
    expectError(await mark(s.token, { qr_payload: code.qr_payload, latitude: 52.215, longitude: 0.1218, accuracy_m: 20 }), 403, "location_outside_geofence");
    const ok = await mark(s.token, { qr_payload: code.qr_payload, latitude: 52.2056, longitude: 0.1222, accuracy_m: 30 });
    expect(ok.status, ok.text).toBe(201);
  });
});

/** The cookies a response sets, as one Cookie header (the phone's cookie jar after the scan). */
function cookiesOf(res: { headers: { "set-cookie"?: string[] } }): string {
  return (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}

describe("scan receipts (camera app, logged out)", () => {
  it("verifies at once, survives the code's expiry during login, marks as of the scan time, once", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const opened = await get(`/s/${code.qr_payload}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe(`/login?next=${encodeURIComponent("/scan/receipt")}&scanned=1`);
    const setCookie = String(opened.headers["set-cookie"]);
    expect(setCookie).toMatch(/rc_receipt=[^;]+;[^,]*HttpOnly/);
    expect(setCookie).toMatch(/rc_receipt=[^;]+;[^,]*Max-Age=120/);
    const phone = cookiesOf(opened); // the receipt and the phone's new device id
    expect(phone).toMatch(/rc_device=/);
    const s = await createStudentWithToken();
    const afterExpiry = new Date(Date.parse(code.expires_at) + 30_000).toISOString();
    const done = await get("/scan/receipt", { token: s.token, cookie: phone, headers: { "x-test-now": afterExpiry } });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/scan/result?outcome=marked&event=${event.id}`);
    const db = await testDb();
    const rec = await db.attendanceRecord.findUnique({ where: { userId_eventId: { userId: s.user.id, eventId: event.id } } });
    expect(rec!.markedAt.getTime()).toBeLessThan(Date.parse(code.expires_at));
    const again = await get("/scan/receipt", { token: (await createStudentWithToken()).token, cookie: phone });
    expect(again.headers.location).toBe("/scan/result?error=receipt_invalid");
    expect(await db.auditLog.count({ where: { action: "scan_receipt_issued", targetId: event.id } })).toBe(1);
  });

  it("refuses forged, expired or missing receipts; a bad code gives no receipt", async () => {
    const s = await createStudentWithToken();
    expectError(await post("/api/attendance/receipt", undefined, { token: s.token }), 410, "receipt_invalid");
    expectError(await post("/api/attendance/receipt", undefined, { token: s.token, cookie: "rc_receipt=r1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA" }), 410, "receipt_invalid");
    const bad = await get("/s/v1.nope.nope");
    expect(bad.headers.location).toBe("/scan/result?error=qr_malformed");
    expect(String(bad.headers["set-cookie"] ?? "")).not.toContain("rc_receipt");
    const event = await createEvent();
    const code = await issueCode(event.id);
    const opened = await get(`/s/${code.qr_payload}`);
    const phone = cookiesOf(opened);
    const tooLate = new Date(Date.now() + 121_000).toISOString();
    expectError(await post("/api/attendance/receipt", undefined, { token: s.token, cookie: phone, headers: { "x-test-now": tooLate } }), 410, "receipt_invalid");
    const ok = await post("/api/attendance/receipt", undefined, { token: s.token, cookie: phone });
    expect(ok.status).toBe(201);
  });

  it("a receipt is bound to the browser that scanned: another device's is refused, and stays usable by its own", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const phone = cookiesOf(await get(`/s/${code.qr_payload}`));
    const receipt = /rc_receipt=[^;]+/.exec(phone)![0];
    const thief = await createStudentWithToken();
    const otherDevice = `${receipt}; rc_device=${"f".repeat(32)}`;
    expectError(await post("/api/attendance/receipt", undefined, { token: thief.token, cookie: otherDevice }), 403, "receipt_wrong_device");
    expectError(await post("/api/attendance/receipt", undefined, { token: thief.token, cookie: receipt }), 403, "receipt_wrong_device");
    const page = await get("/scan/receipt", { token: thief.token, cookie: otherDevice });
    expect(page.headers.location).toBe("/scan/result?error=receipt_wrong_device");
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { userId: thief.user.id } })).toBe(0);

    const owner = await createStudentWithToken();
    expect((await post("/api/attendance/receipt", undefined, { token: owner.token, cookie: phone })).status).toBe(201);
  });

  it("scans refused by the per-address limit write no audit row each", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const ip = uniqueIp();
    for (let i = 0; i < 30; i++) expect((await get(`/s/${code.qr_payload}`, { ip })).headers.location).toContain("/login");
    const db = await testDb();
    const before = await db.auditLog.count({ where: { ipAddress: ip } });
    const refused = await Promise.all(Array.from({ length: 50 }, () => get(`/s/${code.qr_payload}`, { ip })));
    for (const r of refused) expect(r.headers.location).toBe("/scan/result?error=rate_limited");
    expect(await db.auditLog.count({ where: { ipAddress: ip } })).toBe(before);
  });

  it("a logged-in student opening the link is marked at once", async () => {
    const event = await createEvent();
    const code = await issueCode(event.id);
    const s = await createStudentWithToken();
    const res = await get(`/s/${code.qr_payload}`, { token: s.token });
    expect(res.headers.location).toBe(`/scan/result?outcome=marked&event=${event.id}`);
    const expired = await get(`/s/${code.qr_payload}`, { token: s.token, headers: { "x-test-now": new Date(Date.parse(code.expires_at) + 60_000).toISOString() } });
    expect(expired.headers.location).toBe("/scan/result?error=qr_expired");
  });
});

describe("GET /api/attendance/me", () => {
  it("returns the student's own history and rate only; other people's events never count against them", async () => {
    const s = await createUser({ role: "student" });
    const { access_token } = await tokensFor(s);
    const other = await createStudentWithToken();
    const e1 = await createEvent();
    const e2 = await createEvent();
    await mark(access_token, { qr_payload: (await issueCode(e1.id)).qr_payload });
    await mark(other.token, { qr_payload: (await issueCode(e2.id)).qr_payload });
    const res = await get("/api/attendance/me", { token: access_token });
    expect(res.status).toBe(200);
    expect(res.body.attendance.map((r: { event_id: string }) => r.event_id)).toEqual([e1.id]);
    // e2 (someone else's event, no course of theirs) is not held for this student (docs/courses.md)
    expect(res.body.summary).toMatchObject({ attended: 1, events_held: 1, rate: 1 });
    expect(res.body.courses).toEqual([]);
    expectError(await get("/api/attendance/me"), 401, "unauthenticated");
  });
});
