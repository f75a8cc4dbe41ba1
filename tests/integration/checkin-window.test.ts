// Issue 21, item 8: issuing a code silently opened check-in, even for an event in 2030, and a
// student was then marked present for it. Check-in now opens for the first time (by issuing a
// code or by "Start check-in") only from CHECKIN_OPENS_MINUTES_BEFORE (30 on the test server)
// before the event's start until its end; earlier is 409 event_not_open with the times.
import { describe, expect, inject, it } from "vitest";
import { expectError, post } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken } from "../support/factories";

const MINUTE = 60_000;

async function eventAt(token: string, startsAt: Date, minutes = 60) {
  const res = await post("/api/events", { title: `Window ${startsAt.toISOString()}`, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + minutes * MINUTE).toISOString() }, { token });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

describe(`issuing a code opens check-in only near the event (${inject("provider")})`, () => {
  it("an event in 2030: no code, check-in stays closed, and no student can be marked", async () => {
    const { token } = await createAdminWithToken();
    const start = new Date(Date.UTC(2030, 8, 2, 9, 0));
    const id = await eventAt(token, start);
    const refused = expectError(await post("/api/admin/qr-sessions", { event_id: id }, { token }), 409, "event_not_open");
    expect(refused.details).toMatchObject({ opens_at: new Date(start.getTime() - 30 * MINUTE).toISOString(), ends_at: new Date(start.getTime() + 60 * MINUTE).toISOString() });
    expect(refused.message).toContain("08:30 UTC"); // the opening time, in the college's zone (UTC here), labelled
    expect(refused.message).toContain("10:00 UTC");
    expectError(await post(`/api/events/${id}/checkin/start`, undefined, { token }), 409, "event_not_open");
    const db = await testDb();
    expect(await db.qrSession.count({ where: { eventId: id } })).toBe(0);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).checkinOpenedAt).toBeNull();
  });

  it("opens from 30 minutes before the start (pinned clock): 31 minutes before is refused, 29 minutes before issues a code that marks", async () => {
    const { token } = await createAdminWithToken();
    // 35 minutes ahead: the pinned times below stay within the access token's 15 minutes
    const start = new Date(Math.ceil((Date.now() + 35 * MINUTE) / MINUTE) * MINUTE);
    const id = await eventAt(token, start);
    const at = (ms: number) => ({ token, headers: { "x-test-now": new Date(start.getTime() + ms).toISOString() } });
    expectError(await post("/api/admin/qr-sessions", { event_id: id }, at(-31 * MINUTE)), 409, "event_not_open");
    const issued = await post("/api/admin/qr-sessions", { event_id: id }, at(-29 * MINUTE));
    expect(issued.status, issued.text).toBe(201);
    const student = await createStudentWithToken();
    const marked = await post("/api/attendance/mark", { qr_payload: issued.body.qr_payload }, { token: student.token, headers: { "x-test-now": new Date(start.getTime() - 29 * MINUTE + 2000).toISOString() } });
    expect(marked.status, marked.text).toBe(201);
  });

  it("an event under way opens as before; one that has ended stays event_closed", async () => {
    const { token } = await createAdminWithToken();
    const now = Date.now();
    expect((await post("/api/admin/qr-sessions", { event_id: await eventAt(token, new Date(now - 10 * MINUTE)) }, { token })).status).toBe(201);
    expectError(await post("/api/admin/qr-sessions", { event_id: await eventAt(token, new Date(now - 120 * MINUTE)) }, { token }), 409, "event_closed");
  });
});
