import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, request } from "../support/api";
import { testCtx, testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, tokensFor } from "../support/factories";
import { notifyAdmins, notifyUser } from "@/lib/notifications/notify";
import { fixedClock } from "@/lib/clock";

async function seed(userId: string, n: number, startIso = "2026-01-01T00:00:00Z") {
  const clock = fixedClock(startIso);
  const ctx = await testCtx({ clock });
  for (let i = 0; i < n; i++) {
    await notifyUser(ctx.db, ctx, userId, { type: "attendance_marked", title: `note ${i}`, body: `body ${i}`, link: "/home" });
    clock.advance(1000);
  }
}

describe(`notifications (${inject("provider")})`, () => {
  it("lists the caller's own notifications newest first with the unread count", async () => {
    const { user, token } = await createStudentWithToken();
    const other = await createUser();
    await seed(user.id, 3);
    await seed(other.id, 2);
    const res = await get("/api/notifications", { token });
    expect(res.status).toBe(200);
    expect(res.body.unread_count).toBe(3);
    expect(res.body.notifications.map((n: { title: string }) => n.title)).toEqual(["note 2", "note 1", "note 0"]);
    expect(res.body.notifications[0]).toMatchObject({ type: "attendance_marked", body: "body 2", link: "/home", read_at: null });
    expect(res.body.next_cursor).toBeNull();
  });

  it("paginates with a cursor without gaps or repeats, including equal timestamps", async () => {
    const { user, token } = await createStudentWithToken();
    await seed(user.id, 5);
    const ctx = await testCtx({ clock: fixedClock("2026-01-01T00:00:02Z") });
    await notifyUser(ctx.db, ctx, user.id, { type: "attendance_marked", title: "same time" }); // ties with note 2
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { notifications: { title: string }[]; next_cursor: string | null } } = await get(
        `/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.notifications.map((n) => n.title));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen[0]).toBe("note 4");
  });

  it("filters unread only", async () => {
    const { user, token } = await createStudentWithToken();
    await seed(user.id, 2);
    const first = (await get("/api/notifications", { token })).body.notifications[0].id;
    expect((await post(`/api/notifications/${first}/read`, undefined, { token })).status).toBe(200);
    const res = await get("/api/notifications?unread=true", { token });
    expect(res.body.notifications).toHaveLength(1);
    expect(res.body.unread_count).toBe(1);
  });

  it("marks one read (idempotent) and refuses someone else's as 404", async () => {
    const { user, token } = await createStudentWithToken();
    const other = await createStudentWithToken();
    await seed(user.id, 2);
    const list = (await get("/api/notifications", { token })).body.notifications;
    const res = await post(`/api/notifications/${list[0].id}/read`, undefined, { token });
    expect(res.status).toBe(200);
    expect(res.body.notification.read_at).toEqual(expect.any(String));
    expect(res.body.unread_count).toBe(1);
    const again = await post(`/api/notifications/${list[0].id}/read`, undefined, { token });
    expect(again.body.notification.read_at).toBe(res.body.notification.read_at);

    expectError(await post(`/api/notifications/${list[1].id}/read`, undefined, { token: other.token }), 404, "not_found");
    const db = await testDb();
    expect((await db.notification.findUnique({ where: { id: list[1].id } }))?.readAt).toBeNull();
    expectError(await post(`/api/notifications/no-such-id/read`, undefined, { token }), 404, "not_found");
    expectError(await post(`/api/notifications/${"x".repeat(300)}/read`, undefined, { token }), 404, "not_found");
    expectError(await post(`/api/notifications/bad%20id!/read`, undefined, { token }), 404, "not_found");
  });

  it("marks all read, only the caller's", async () => {
    const { user, token } = await createStudentWithToken();
    const other = await createUser();
    await seed(user.id, 3);
    await seed(other.id, 2);
    const res = await post("/api/notifications/read-all", undefined, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: 3, unread_count: 0 });
    const db = await testDb();
    expect(await db.notification.count({ where: { userId: other.id, readAt: null } })).toBe(2);
    expect((await get("/api/notifications", { token })).body.unread_count).toBe(0);
  });

  it("notifies every active admin through notifyAdmins", async () => {
    const { user, token } = await createAdminWithToken();
    const ctx = await testCtx();
    const title = `signup ${user.id}`;
    await notifyAdmins(ctx.db, ctx, { type: "approval_requested", title });
    const res = await get("/api/notifications?unread=true&limit=200", { token });
    expect(res.body.notifications.filter((n: { title: string }) => n.title === title)).toHaveLength(1);
  });

  it("requires a session and rejects bad input with the error shape", async () => {
    expectError(await get("/api/notifications"), 401, "unauthenticated");
    expectError(await post("/api/notifications/read-all"), 401, "unauthenticated");
    expectError(await get("/api/notifications", { token: "garbage" }), 401, "token_invalid");
    const { token } = await createStudentWithToken();
    expectError(await get("/api/notifications?limit=0", { token }), 400, "validation_failed");
    expectError(await get("/api/notifications?limit=abc", { token }), 400, "validation_failed");
    expectError(await get("/api/notifications?limit=100000", { token }), 400, "validation_failed");
    expectError(await get("/api/notifications?extra=1", { token }), 400, "validation_failed");
    expectError(await get("/api/notifications?cursor=not-a-cursor", { token }), 400, "validation_failed");
    expectError(await get(`/api/notifications?cursor=${"A".repeat(5000)}`, { token }), 400, "validation_failed");
    expectError(await get("/api/notifications?unread=yes", { token }), 400, "validation_failed");
    const wrongMethod = await request("DELETE", "/api/notifications", { token });
    expect(wrongMethod.status).toBe(405);
  });

  it("a revoked session loses access on the next request", async () => {
    const student = await createUser();
    const tokens = await tokensFor(student);
    expect((await get("/api/notifications", { token: tokens.access_token })).status).toBe(200);
    const db = await testDb();
    await db.authSession.update({ where: { id: tokens.sessionId }, data: { revokedAt: new Date() } });
    expectError(await get("/api/notifications", { token: tokens.access_token }), 401, "session_revoked");
  });
});
