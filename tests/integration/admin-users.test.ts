import { describe, expect, inject, it } from "vitest";
import { expectError, get, patch, post, request } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, stepUp, tokensFor } from "../support/factories";

describe(`admin users (${inject("provider")})`, () => {
  it("searches by name or email and filters by role and status", async () => {
    const { token } = await createAdminWithToken();
    const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
    const s1 = await createUser({ fullName: `Ada ${tag}` });
    const s2 = await createUser({ email: uniqueEmail(tag), status: "pending" });
    const a1 = await createUser({ role: "admin", fullName: `Grace ${tag.toUpperCase()}` });
    const all = await get(`/api/admin/users?q=${tag}`, { token });
    expect(all.status).toBe(200);
    expect(all.body.users.map((u: { id: string }) => u.id).sort()).toEqual([s1.id, s2.id, a1.id].sort());
    const pending = await get(`/api/admin/users?q=${tag}&status=pending`, { token });
    expect(pending.body.users.map((u: { id: string }) => u.id)).toEqual([s2.id]);
    const admins = await get(`/api/admin/users?q=${tag}&role=admin`, { token });
    expect(admins.body.users).toEqual([expect.objectContaining({ id: a1.id, role: "admin", status: "active", full_name: `Grace ${tag.toUpperCase()}`, active_sessions: 0 })]);
    const page = await get(`/api/admin/users?q=${tag}&limit=2`, { token });
    expect(page.body.users).toHaveLength(2);
    const rest = await get(`/api/admin/users?q=${tag}&limit=2&cursor=${page.body.next_cursor}`, { token });
    expect(rest.body.users).toHaveLength(1);
  });

  it("corrects a name: cleaned like every stored name, audited, sessions kept", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const student = await createUser({ fullName: "Ada\u202E nimda" });
    const tokens = await tokensFor(student);
    const res = await patch(`/api/admin/users/${student.id}`, { full_name: " Ada\u200B Lovelace " }, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: student.id, full_name: "Ada Lovelace" }, sessions_revoked: 0 });
    expect((await get("/api/notifications", { token: tokens.access_token })).status).toBe(200);
    const entry = await (await testDb()).auditLog.findFirstOrThrow({ where: { action: "user_renamed", targetId: student.id } });
    expect(entry.actorId).toBe(admin.id);
    expect(JSON.parse(entry.details)).toEqual({ from: "Ada\u202E nimda", to: "Ada Lovelace" });
    expectError(await patch(`/api/admin/users/${student.id}`, { full_name: "\u2066\u2069" }, { token }), 400, "validation_failed");
  });

  it("changes a role: audited, sessions revoked, old token stops working", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const student = await createUser();
    const tokens = await tokensFor(student);
    expect((await get("/api/notifications", { token: tokens.access_token })).status).toBe(200);
    await stepUp(token); // making an admin needs a fresh proof of presence (tests/integration/step-up.test.ts)
    const res = await patch(`/api/admin/users/${student.id}`, { role: "admin" }, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: student.id, role: "admin", status: "active", active_sessions: 0 }, sessions_revoked: 1 });
    expectError(await get("/api/notifications", { token: tokens.access_token }), 401, "session_revoked");
    const db = await testDb();
    const entry = await db.auditLog.findFirst({ where: { action: "user_role_changed", targetId: student.id } });
    expect(entry).toMatchObject({ actorId: admin.id, targetType: "user" });
    expect(JSON.parse(entry!.details)).toEqual({ from: "student", to: "admin" });
  });

  it("never makes a pending, rejected or expired account an admin (those are decided on the approvals page)", async () => {
    const { token } = await createAdminWithToken();
    await stepUp(token);
    for (const status of ["pending", "rejected", "expired"] as const) {
      const waiting = await createUser({ status });
      expectError(await patch(`/api/admin/users/${waiting.id}`, { role: "admin" }, { token }), 409, "conflict");
      const row = await (await testDb()).user.findUniqueOrThrow({ where: { id: waiting.id } });
      expect(row).toMatchObject({ role: "student", status });
    }
    const deactivated = await createUser({ status: "deactivated" });
    expect((await patch(`/api/admin/users/${deactivated.id}`, { role: "admin" }, { token })).status).toBe(200);
  });

  it("deactivates and reactivates; a pending account cannot be activated here", async () => {
    const { token } = await createAdminWithToken();
    const student = await createUser();
    const tokens = await tokensFor(student);
    const off = await patch(`/api/admin/users/${student.id}`, { active: false }, { token });
    expect(off.body.user.status).toBe("deactivated");
    expectError(await get("/api/notifications", { token: tokens.access_token }), 401, "session_revoked");
    const on = await patch(`/api/admin/users/${student.id}`, { active: true }, { token });
    expect(on.body.user.status).toBe("active");
    const db = await testDb();
    const changes = await db.auditLog.findMany({ where: { action: "user_status_changed", targetId: student.id }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => JSON.parse(c.details))).toEqual([{ from: "active", to: "deactivated" }, { from: "deactivated", to: "active" }]);

    const pending = await createUser({ status: "pending" });
    expectError(await patch(`/api/admin/users/${pending.id}`, { active: true }, { token }), 409, "conflict");
    expect((await db.user.findUnique({ where: { id: pending.id } }))?.status).toBe("pending");
  });

  it("a no-op change writes no audit entry and keeps sessions", async () => {
    const { token } = await createAdminWithToken();
    const student = await createUser();
    await tokensFor(student);
    const res = await patch(`/api/admin/users/${student.id}`, { role: "student", active: true }, { token });
    expect(res.body.sessions_revoked).toBe(0);
    expect(res.body.user.active_sessions).toBe(1);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { targetId: student.id } })).toBe(0);
  });

  it("revokes all sessions of a user", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const student = await createUser();
    const t1 = await tokensFor(student);
    const t2 = await tokensFor(student);
    const res = await post(`/api/admin/users/${student.id}/revoke-sessions`, undefined, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    for (const t of [t1, t2]) expectError(await get("/api/notifications", { token: t.access_token }), 401, "session_revoked");
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "sessions_revoked", targetId: student.id, actorId: admin.id } })).toBe(1);
    expectError(await post(`/api/admin/users/nope/revoke-sessions`, undefined, { token }), 404, "not_found");
  });

  it("rejects bad input and non-admins, leaving the user unchanged", async () => {
    const { token } = await createAdminWithToken();
    const student = await createStudentWithToken();
    const target = await createUser();
    const url = `/api/admin/users/${target.id}`;
    await stepUp(token);
    expectError(await patch(url, {}, { token }), 400, "validation_failed");
    expectError(await patch(url, { role: "superuser" }, { token }), 400, "validation_failed");
    expectError(await patch(url, { active: "no" }, { token }), 400, "validation_failed");
    expectError(await patch(url, { role: "admin", extra: 1 }, { token }), 400, "validation_failed");
    expectError(await patch(url, { role: "a".repeat(100_000) }, { token }), 413, "payload_too_large");
    expectError(await request("PATCH", url, { token, raw: "{not json", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("PATCH", url, { token, raw: "role=admin", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    expectError(await patch(`/api/admin/users/does-not-exist`, { role: "admin" }, { token }), 404, "not_found");
    expectError(await patch(`/api/admin/users/${"x".repeat(100)}`, { role: "admin" }, { token }), 404, "not_found");
    expectError(await patch(url, { role: "admin" }, { token: student.token }), 403, "forbidden");
    expectError(await patch(url, { role: "admin" }), 401, "unauthenticated");
    expectError(await get("/api/admin/users?role=root", { token }), 400, "validation_failed");
    expectError(await get("/api/admin/users?status=gone", { token }), 400, "validation_failed");
    expectError(await get(`/api/admin/users?q=${"q".repeat(300)}`, { token }), 400, "validation_failed");
    expectError(await get("/api/admin/users", { token: student.token }), 403, "forbidden");
    const db = await testDb();
    expect(await db.user.findUnique({ where: { id: target.id }, select: { role: true, status: true } })).toEqual({ role: "student", status: "active" });
    expect(await db.auditLog.count({ where: { targetId: target.id } })).toBe(0);
  });
});
