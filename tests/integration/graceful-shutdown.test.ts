// Graceful shutdown (docs/deployment.md, "Supervision"): SIGTERM arrives while 50 marks are in
// flight and an idle keep-alive connection is open (as nginx keeps them). Every mark either
// completed with its record or was never accepted, nothing is half-written, and the process
// exits on its own with code 0 well before a supervisor's kill (the test's bound is 10 s).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { request, uniqueIp, type ApiResponse } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken } from "../support/factories";
import { startServer, type TestServer } from "../support/test-server";

let server: TestServer;
const at = (method: string, path: string, opts: Parameters<typeof request>[2] = {}) => request(method, new URL(path, server.url).toString(), opts);

beforeAll(async () => {
  const env = inject("serverEnv");
  server = await startServer(env.DATABASE_URL, { ...env, PORT: "" });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** A keep-alive connection that made one request and now sits idle, as a proxy's pool does. */
async function idleKeepAliveConnection(agent: http.Agent): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = http.get(`${server.url}/api/health`, { agent }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
  });
}

describe(`graceful shutdown (${inject("provider")})`, () => {
  it("SIGTERM with 50 marks in flight: each completes with its record or is never accepted; exit 0 within 10 s", async () => {
    const { token: admin } = await createAdminWithToken();
    const now = Date.now();
    const event = await at("POST", "/api/events", {
      token: admin,
      json: { title: "Shutdown lecture", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString(), late_after_minutes: 30 },
    });
    expect(event.status).toBe(201);
    const qr = await at("POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
    expect(qr.status).toBe(201);
    const students = await Promise.all(Array.from({ length: 50 }, () => createStudentWithToken()));

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await idleKeepAliveConnection(agent);

    let signalled = false;
    let answeredAfterSignal = 0;
    const marks = students.map((s) =>
      at("POST", "/api/attendance/mark", { token: s.token, ip: uniqueIp(), json: { qr_payload: qr.body.qr_payload } }).then(
        (res): ApiResponse | Error => {
          if (signalled) answeredAfterSignal++;
          return res;
        },
        (error: Error) => error,
      ),
    );
    // the signal comes as soon as the first mark is answered: the others are still in the server
    await Promise.race(marks);
    const exitBound = Date.now() + 10_000;
    process.kill(server.pid, "SIGTERM");
    signalled = true;
    const results = await Promise.all(marks);
    const code = await Promise.race([server.exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), Math.max(0, exitBound - Date.now())))]);
    agent.destroy();
    expect(code).toBe(0);
    expect(answeredAfterSignal).toBeGreaterThan(0); // requests in flight at the signal were finished, not dropped

    const db = await testDb();
    const records = await db.attendanceRecord.findMany({ where: { eventId: event.body.id }, select: { userId: true } });
    const marked = new Set(records.map((r) => r.userId));
    results.forEach((result, i) => {
      const student = students[i]!.user.id;
      if (result instanceof Error) {
        // never accepted: the connection was refused, and nothing was written for this student
        expect(marked.has(student)).toBe(false);
      } else {
        expect(result.status).toBe(201);
        expect(marked.has(student)).toBe(true);
      }
    });
    expect(records).toHaveLength(results.filter((r) => !(r instanceof Error)).length);
    // nothing half-written: one used nonce per record, no orphan on either side
    expect(await db.usedNonce.count({ where: { qrSessionId: qr.body.id } })).toBe(records.length);
  }, 60_000);
});
