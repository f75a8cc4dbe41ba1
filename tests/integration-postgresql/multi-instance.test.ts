// Two app instances on one PostgreSQL database (docs/design.md#persistence): the one-record rule, per-student
// nonce replay protection, rate limits and session revocation must hold across instances,
// because every piece of shared state lives in the database.
import { LOGIN_FAILURES_PER_IP } from "@/lib/accounts/limits";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectError, request, uniqueIp } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, TEST_PASSWORD } from "../support/factories";
import { startServer, type TestServer } from "../support/test-server";

let second: TestServer;
const first = () => inject("baseUrl");

/** request() against an explicit instance. */
const at = (base: string, method: string, path: string, opts: Parameters<typeof request>[2] = {}) => request(method, new URL(path, base).toString(), opts);

beforeAll(async () => {
  const env = inject("serverEnv");
  second = await startServer(env.DATABASE_URL, { ...env, PORT: "" });
}, 60_000);

afterAll(async () => {
  await second?.stop();
});

async function openEventWithCode() {
  const { token: admin } = await createAdminWithToken();
  const now = Date.now();
  const event = await at(first(), "POST", "/api/events", {
    token: admin,
    json: { title: "Cross-instance lecture", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString(), late_after_minutes: 30 },
  });
  expect(event.status).toBe(201);
  const qr = await at(first(), "POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
  expect(qr.status).toBe(201);
  return { eventId: event.body.id as string, payload: qr.body.qr_payload as string };
}

describe(`two instances on one database (${inject("provider")})`, () => {
  it("replaying one student's payload at both instances at once makes exactly one record", async () => {
    const { eventId, payload } = await openEventWithCode();
    const { user, token } = await createStudentWithToken();
    const ip = uniqueIp();
    const attempts = Array.from({ length: 20 }, (_, i) =>
      at(i % 2 === 0 ? first() : second.url, "POST", "/api/attendance/mark", { token, ip, json: { qr_payload: payload } }),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const originals = new Set(results.map((r) => r.body.marked_at));
    expect(originals.size).toBe(1); // repeats report the original time
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { userId: user.id, eventId } })).toBe(1);
    expect(await db.usedNonce.count({ where: { userId: user.id } })).toBe(1);
  });

  it("one projected code admits different students through either instance", async () => {
    const { eventId, payload } = await openEventWithCode();
    const students = await Promise.all(Array.from({ length: 6 }, () => createStudentWithToken()));
    const results = await Promise.all(
      students.map((s, i) => at(i % 2 === 0 ? first() : second.url, "POST", "/api/attendance/mark", { token: s.token, json: { qr_payload: payload } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const db = await testDb();
    expect(await db.attendanceRecord.count({ where: { eventId } })).toBe(6);
  });

  it("failed-login rate limits are shared: the address's ceiling of failures split over both instances, then 429", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    // strangers' failures from one address (a hall behind NAT) reach its ceiling (docs/authentication.md),
    // counted once across the two instances; ten at a time
    for (let i = 0; i < LOGIN_FAILURES_PER_IP.max; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, LOGIN_FAILURES_PER_IP.max - i) }, (_, k) =>
          at((i + k) % 2 === 0 ? first() : second.url, "POST", "/api/auth/login", { ip, json: { email: `nobody.${i + k}.${user.email}`, password: "Wrong-Password-9!" } }),
        ),
      );
      for (const res of batch) expectError(res, 401, "invalid_credentials");
    }
    const limited = await at(second.url, "POST", "/api/auth/login", { ip, json: { email: `one.more.${user.email}`, password: "Wrong-Password-9!" } });
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  }, 120_000);

  it("logging out on one instance ends the session on the other at the next request", async () => {
    const user = await createUser();
    const login = await at(first(), "POST", "/api/auth/login", { json: { email: user.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;
    expect((await at(second.url, "GET", "/api/auth/me", { token })).status).toBe(200);
    const logout = await at(first(), "POST", "/api/auth/logout", { token, json: {} });
    expect(logout.status).toBeLessThan(300);
    expectError(await at(second.url, "GET", "/api/auth/me", { token }), 401, "session_revoked");
  });
});
