// Marks first (docs/performance.md#marks-first): more expensive reads at once than the instance
// allows (HEAVY_READS_PER_INSTANCE, 2 on this file's own server) get 503 busy with Retry-After —
// never a 500 — while the students marking during them all succeed. Its own server and database:
// on the shared server the crowd of exports would turn away other files' reports and imports.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { request, type RequestOptions } from "../support/api";
import { userWithToken } from "../support/own-server-users";
import { ctxFor } from "../support/own-server-ctx";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;
let admin: { id: string; token: string };

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "heavy");
  server = await startServer(database.url, { HEAVY_READS_PER_INSTANCE: "2" });
  ctx = await ctxFor(database.url, server.env);
  db = ctx.db;
  admin = await userWithToken(ctx, "admin");
}, 120_000); // a server start on a busy machine

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

const get = (path: string, o?: RequestOptions) => request("GET", new URL(path, server.url).toString(), o);
const post = (path: string, json: unknown, o: RequestOptions = {}) => request("POST", new URL(path, server.url).toString(), { ...o, json });


const DAY = 86_400_000;

/** A course with `n` enrolled students and `weeks` past sessions, about 90 % marked (written directly: fast). */
async function bigCourse(n: number, weeks: number) {
  const created = await post("/api/courses", { code: `HV${randomUUID().slice(0, 6).toUpperCase()}`, title: "Heavy", term_label: "2026 Autumn" }, { token: admin.token });
  expect(created.status, created.text).toBe(201);
  const course = created.body as { id: string };
  const t = Date.now();
  const users = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `heavy.${i}.${randomUUID().slice(0, 8)}@example.edu`, fullName: `Heavy ${i}`, passwordHash: "x", role: "student" as const, status: "active" as const }));
  await db.user.createMany({ data: users });
  await db.enrollment.createMany({ data: users.map((u) => ({ courseId: course.id, email: u.email, fullName: u.fullName, userId: u.id, source: "import" as const, enrolledAt: new Date(t - (weeks + 1) * 7 * DAY) })) });
  const sessions = Array.from({ length: weeks }, (_, k) => ({ id: randomUUID().replace(/-/g, "").slice(0, 12), title: "Lecture", startsAt: new Date(t - (weeks - k) * 7 * DAY), endsAt: new Date(t - (weeks - k) * 7 * DAY + 5_400_000), courseId: course.id }));
  await db.event.createMany({ data: sessions });
  const marks = sessions.flatMap((s, k) => users.flatMap((u, i) => ((i + k) % 10 === 9 ? [] : [{ userId: u.id, eventId: s.id, markedAt: s.startsAt, status: "present" as const, method: "scan" as const }])));
  for (let i = 0; i < marks.length; i += 2000) await db.attendanceRecord.createMany({ data: marks.slice(i, i + 2000) });
  return course;
}

describe("expensive reads under load", () => {
  it("more report workbook exports at once than the bound: some get 503 busy with Retry-After, none 500, and every mark during them succeeds", { timeout: 90_000 }, async () => {
    const course = await bigCourse(200, 10);
    const live = await post("/api/events", { title: "Live", starts_at: new Date(Date.now() - 60_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString() }, { token: admin.token });
    expect(live.status, live.text).toBe(201);
    const code = (await post("/api/admin/qr-sessions", { event_id: live.body.id }, { token: admin.token })).body;
    const students = await Promise.all(Array.from({ length: 20 }, () => userWithToken(ctx, "student")));

    const [reads, marks] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => get(`/api/courses/${course.id}/report.xlsx`, { token: admin.token }))),
      Promise.all(students.map((s) => post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: s.token }))),
    ]);

    expect(marks.map((m) => m.status)).toEqual(students.map(() => 201));
    const statuses = reads.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const busy = reads.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses).toContain(200);
    for (const r of busy) {
      expect(r.body).toMatchObject({ error: { code: "busy" } });
      expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
    }
    // once the crowd is gone, the same read succeeds
    expect((await get(`/api/courses/${course.id}/report.csv`, { token: admin.token })).status).toBe(200);
  });
});
