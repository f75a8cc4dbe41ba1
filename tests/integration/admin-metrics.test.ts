import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, uniqueIp } from "../support/api";
import { testCtx, testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser } from "../support/factories";
import { recordAudit } from "@/lib/audit/record";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import { fixedClock } from "@/lib/clock";

// A private moment far from other tests' data: the server's clock is pinned with x-test-now.
// Each test draws from its own century, so tests never see each other's entries.
// Hours 0–21 only: a test's "event today" starts up to two hours after the moment and must
// still fall on the same UTC day (a moment at 23:xx made it tomorrow's event: a 1-in-24 flake).
const moment = (century: number) => new Date(Date.UTC(century + randomInt(0, 100), randomInt(0, 12), randomInt(1, 28), randomInt(0, 22), randomInt(0, 60), 0));

/** An admin whose session and token were issued at `now` (the pinned server time). */
async function adminTokenAt(now: Date) {
  const user = await createUser({ role: "admin" });
  const ctx = await testCtx({ clock: fixedClock(now) });
  const session = await createSession(ctx, ctx.db, user);
  return (await issueTokenPair(ctx, ctx.db, user, session.id)).access_token;
}

describe(`admin metrics (${inject("provider")})`, () => {
  it("reports latencies with thresholds, failed-QR rate, login failures per IP, approvals, today's events and backup", async () => {
    const now = moment(2100);
    const token = await adminTokenAt(now);
    const at = (secondsAgo: number) => fixedClock(new Date(now.getTime() - secondsAgo * 1000));
    const db = await testDb();
    // 2 failed scans vs. 6 marks in the window → 25 %; one older failure outside the 15 minutes
    for (let i = 0; i < 6; i++) await recordAudit(db, await testCtx({ clock: at(60 + i) }), { action: "attendance_marked" });
    for (let i = 0; i < 2; i++) await recordAudit(db, await testCtx({ clock: at(30 + i) }), { action: "attendance_failed" });
    await recordAudit(db, await testCtx({ clock: at(20 * 60) }), { action: "attendance_failed" });
    // 12 login failures from one IP in the last 5 minutes (amber: 10..20), 3 from another
    const noisy = uniqueIp();
    for (let i = 0; i < 12; i++) await recordAudit(db, await testCtx({ clock: at(10 + i), ip: noisy }), { action: "login_failed" });
    for (let i = 0; i < 3; i++) await recordAudit(db, await testCtx({ clock: at(10 + i), ip: uniqueIp() }), { action: "login_failed" });
    // a pending approval, and an event today
    const pending = await createUser({ status: "pending" });
    await db.approvalRequest.create({ data: { userId: pending.id, requestedAt: now, expiresAt: new Date(now.getTime() + 180_000) } });
    const eventId = `m${randomUUID().slice(0, 10)}`;
    await db.event.create({ data: { id: eventId, title: "Metrics lecture", startsAt: new Date(now.getTime() + 3600_000), endsAt: new Date(now.getTime() + 7200_000) } });

    const res = await get("/api/admin/metrics", { token, headers: { "x-test-now": now.toISOString() } });
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.generated_at).toBe(now.toISOString());
    expect(m.window_minutes).toBe(15);
    for (const name of ["qr_verification", "login", "mark"]) {
      expect(m.latency[name]).toMatchObject({ count: expect.any(Number), status: expect.stringMatching(/green|amber|red|unknown/) });
    }
    expect(m.latency.qr_verification.threshold).toEqual({ target: 200, critical: 500, unit: "ms" });
    expect(m.latency.login.threshold).toEqual({ target: 300, critical: 1000, unit: "ms" });
    expect(m.latency.mark.threshold).toEqual({ target: 500, critical: 1000, unit: "ms" });
    expect(m.failed_qr_rate).toMatchObject({ failed: 2, marked: 6, percent: 25, status: "red" });
    expect(m.login_failures_per_ip).toMatchObject({ max_per_5_min: 12, ip_address: noisy, status: "amber" });
    expect(m.pending_approvals).toBe(1);
    expect(m.todays_events).toEqual([expect.objectContaining({ id: eventId, title: "Metrics lecture", checkin_open: false })]);
    expect(m.backup).toMatchObject({ configured: false, interval_hours: 24 });
    // the server measures its own event loop from the start (server.ts)
    expect(m.event_loop).toMatchObject({ window_seconds: expect.any(Number), max_delay_ms: expect.any(Number), p99_delay_ms: expect.any(Number), threshold: { target: 100, critical: 500, unit: "ms" } });
    expect(m.event_loop.status).toMatch(/^(green|amber|red)$/);
    expect(m.event_loop.p99_delay_ms).toBeLessThanOrEqual(m.event_loop.max_delay_ms);
  });

  it("is green with no failures", async () => {
    const now = moment(2200);
    const token = await adminTokenAt(now);
    const db = await testDb();
    await recordAudit(db, await testCtx({ clock: fixedClock(new Date(now.getTime() - 1000)) }), { action: "attendance_marked" });
    const m = (await get("/api/admin/metrics", { token, headers: { "x-test-now": now.toISOString() } })).body;
    expect(m.failed_qr_rate).toMatchObject({ failed: 0, marked: 1, percent: 0, status: "green" });
    expect(m.login_failures_per_ip).toMatchObject({ max_per_5_min: 0, status: "green" });
  });

  it("records login latency in-process through the route's metric option", async () => {
    const student = await createUser();
    const res = await post("/api/auth/login", { email: student.email, password: student.password });
    expect(res.status).toBe(200);
    const { token } = await createAdminWithToken();
    const m = (await get("/api/admin/metrics", { token })).body;
    expect(m.latency.login.count).toBeGreaterThanOrEqual(1);
    expect(m.latency.login.p50_ms).toEqual(expect.any(Number));
    expect(m.latency.login.p95_ms).toBeGreaterThanOrEqual(m.latency.login.p50_ms);
    expect(["green", "amber", "red"]).toContain(m.latency.login.status);
  });

  it("is admin-only and takes no parameters", async () => {
    expectError(await get("/api/admin/metrics"), 401, "unauthenticated");
    expectError(await get("/api/admin/metrics", { token: (await createStudentWithToken()).token }), 403, "forbidden");
    expectError(await get("/api/admin/metrics?window=60", { token: (await createAdminWithToken()).token }), 400, "validation_failed");
  });
});
