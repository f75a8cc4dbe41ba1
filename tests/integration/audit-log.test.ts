import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { expectError, get, patch, request, uniqueIp } from "../support/api";
import { testCtx, testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser } from "../support/factories";
import { recordAudit } from "@/lib/audit/record";
import { noteFailedLogin } from "@/lib/audit/suspicious";
import { fixedClock } from "@/lib/clock";

type Entry = { id: string; action: string; actor: { email: string } | null; actor_id: string | null; target: { type: string | null; id: string | null }; ip_address: string | null; user_agent: string | null; details: Record<string, unknown>; created_at: string };

async function audit(at: string, entry: Parameters<typeof recordAudit>[2], ip = "10.1.2.3") {
  const ctx = await testCtx({ clock: fixedClock(at), ip, userAgent: "agent/1.0" });
  await recordAudit(ctx.db, ctx, entry);
}

describe(`audit log (${inject("provider")})`, () => {
  it("returns entries with actor, target, ip, user agent, details, newest first", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const target = await createUser();
    const ip = uniqueIp();
    await audit("2026-02-01T10:00:00Z", { action: "user_role_changed", actorId: admin.id, targetType: "user", targetId: target.id, details: { from: "student", to: "admin" } }, ip);
    await audit("2026-02-01T10:05:00Z", { action: "sessions_revoked", actorId: admin.id, targetType: "user", targetId: target.id, details: { revoked: 2 } }, ip);
    const res = await get(`/api/admin/audit-logs?ip_address=${ip}`, { token });
    expect(res.status).toBe(200);
    const entries = res.body.entries as Entry[];
    expect(entries.map((e) => e.action)).toEqual(["sessions_revoked", "user_role_changed"]);
    expect(entries[1]).toMatchObject({
      actor: { email: admin.email },
      actor_id: admin.id,
      target: { type: "user", id: target.id },
      ip_address: ip,
      user_agent: "agent/1.0",
      details: { from: "student", to: "admin" },
      created_at: "2026-02-01T10:00:00.000Z",
    });
  });

  it("filters by action, user, ip and time range, and paginates", async () => {
    const { token } = await createAdminWithToken();
    const someone = await createUser();
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) {
      await audit(`2026-03-0${i + 1}T08:00:00Z`, { action: "login_failed", targetType: "user", targetId: someone.id, details: { i } }, ip);
    }
    await audit("2026-03-02T09:00:00Z", { action: "login_ok", actorId: someone.id, targetType: "user", targetId: someone.id }, ip);
    const byAction = await get(`/api/admin/audit-logs?action=login_failed&ip_address=${ip}`, { token });
    expect(byAction.body.entries).toHaveLength(5);
    const byUser = await get(`/api/admin/audit-logs?user_id=${someone.id}`, { token });
    expect(byUser.body.entries).toHaveLength(6);
    const range = await get(`/api/admin/audit-logs?ip_address=${ip}&from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z`, { token });
    expect(range.body.entries.map((e: Entry) => e.created_at)).toEqual(["2026-03-03T08:00:00.000Z", "2026-03-02T09:00:00.000Z", "2026-03-02T08:00:00.000Z"]);
    const page1 = await get(`/api/admin/audit-logs?ip_address=${ip}&limit=4`, { token });
    expect(page1.body.entries).toHaveLength(4);
    const page2 = await get(`/api/admin/audit-logs?ip_address=${ip}&limit=4&cursor=${page1.body.next_cursor}`, { token });
    expect(page2.body.entries).toHaveLength(2);
    expect(page2.body.next_cursor).toBeNull();
    const ids = [...page1.body.entries, ...page2.body.entries].map((e: Entry) => e.id);
    expect(new Set(ids).size).toBe(6);
  });

  it("is admin-only and validates its query", async () => {
    expectError(await get("/api/admin/audit-logs"), 401, "unauthenticated");
    const student = await createStudentWithToken();
    expectError(await get("/api/admin/audit-logs", { token: student.token }), 403, "forbidden");
    const { token } = await createAdminWithToken();
    expectError(await get("/api/admin/audit-logs?action=not_an_action", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/audit-logs?from=yesterday", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/audit-logs?limit=-1", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/audit-logs?bogus=1", { token }), 400, "validation_failed");
    expectError(await get(`/api/admin/audit-logs?ip_address=${"9".repeat(500)}`, { token }), 400, "validation_failed");
    expectError(await get("/api/admin/audit-logs?cursor=eyJ4Ijox", { token }), 400, "validation_failed");
  });

  it("offers no way to edit or delete entries", async () => {
    const { token } = await createAdminWithToken();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await request(method, "/api/admin/audit-logs", { token, json: {} });
      expect(res.status).toBe(405);
    }
    const db = await testDb();
    const some = await db.auditLog.findFirst({ select: { id: true } });
    expect(some).toBeTruthy();
    expect((await request("DELETE", `/api/admin/audit-logs/${some!.id}`, { token })).status).toBe(404);
    expect((await patch(`/api/admin/audit-logs/${some!.id}`, { action: "x" }, { token })).status).toBe(404);
  });
});

describe(`suspicious activity (${inject("provider")})`, () => {
  it("notifies admins once when an IP crosses 5 failed logins in an hour", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const ip = uniqueIp();
    const clock = fixedClock(new Date());
    const ctx = await testCtx({ clock, ip });
    const results: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      results.push(
        await ctx.db.$transaction(async (tx) => {
          await recordAudit(tx, ctx, { action: "login_failed", details: { reason: "bad_password" } });
          return noteFailedLogin(tx, ctx, ip);
        }),
      );
      clock.advance(1000);
    }
    expect(results).toEqual([false, false, false, false, false, true, false, false]);
    const db = await testDb();
    const notes = await db.notification.findMany({ where: { userId: admin.id, type: "failed_login_burst", title: { contains: ip } } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toBe("/admin/suspicious");

    const report = await get("/api/admin/suspicious", { token });
    expect(report.status).toBe(200);
    expect(report.body.failed_login_ips).toContainEqual(expect.objectContaining({ ip_address: ip, failures: 8 }));
  });

  it("does not count failures older than an hour", async () => {
    const ip = uniqueIp();
    const clock = fixedClock(new Date(Date.now() - 3 * 3600_000));
    const ctx = await testCtx({ clock, ip });
    for (let i = 0; i < 6; i++) await recordAudit(ctx.db, ctx, { action: "login_failed" });
    const { token } = await createAdminWithToken();
    const report = await get("/api/admin/suspicious", { token });
    expect(report.body.failed_login_ips.map((x: { ip_address: string }) => x.ip_address)).not.toContain(ip);
  });

  it("lists devices shared between accounts, high failed-scan events and refresh-token reuse", async () => {
    const { token } = await createAdminWithToken();
    const db = await testDb();
    const a = await createUser();
    const b = await createUser();
    const c = await createUser();
    const now = new Date();
    const eventId = `ev${randomUUID().slice(0, 10)}`;
    await db.event.create({ data: { id: eventId, title: `Shared ${eventId}`, startsAt: now, endsAt: new Date(now.getTime() + 3600_000) } });
    const device = randomUUID().replaceAll("-", "");
    const solo = randomUUID().replaceAll("-", "");
    await db.device.createMany({ data: [device, solo].map((id) => ({ id, firstSeenAt: now, lastSeenAt: now })) });
    await db.attendanceRecord.createMany({
      data: [
        { userId: a.id, eventId, markedAt: now, status: "present", method: "scan", deviceId: device },
        { userId: b.id, eventId, markedAt: now, status: "present", method: "scan", deviceId: device },
        { userId: c.id, eventId, markedAt: now, status: "present", method: "scan", deviceId: solo },
      ],
    });
    // 3 marks, 1 failure → 25 % failed
    await audit(now.toISOString(), { action: "attendance_failed", actorId: c.id, targetType: "event", targetId: eventId, details: { reason: "qr_expired" } });
    await audit(now.toISOString(), { action: "refresh_reuse", actorId: a.id, targetType: "user", targetId: a.id });

    const res = await get("/api/admin/suspicious", { token });
    expect(res.status).toBe(200);
    const shared = res.body.shared_devices.find((d: { device_id: string }) => d.device_id === device);
    expect(shared.users.map((u: { id: string }) => u.id).sort()).toEqual([a.id, b.id].sort());
    expect(res.body.shared_devices.find((d: { device_id: string }) => d.device_id === solo)).toBeUndefined();
    expect(res.body.failed_scan_events).toContainEqual({ event_id: eventId, title: `Shared ${eventId}`, failed: 1, marked: 3, failed_rate: 25 });
    expect(res.body.refresh_token_reuse).toContainEqual(expect.objectContaining({ user_id: a.id }));
  });

  it("is admin-only", async () => {
    const student = await createStudentWithToken();
    expectError(await get("/api/admin/suspicious", { token: student.token }), 403, "forbidden");
    expectError(await get("/api/admin/suspicious"), 401, "unauthenticated");
    expectError(await get("/api/admin/suspicious?x=1", { token: (await createAdminWithToken()).token }), 400, "validation_failed");
  });
});
