// Issue 21, item 2, at the production bcrypt cost: ten failures for ten different emails from
// one NAT address used to lock the whole room out of password login for 5 minutes (429,
// Retry-After 298 s), and under real CPU load 30 parallel correct logins from one address got
// 429s when in-flight waits gave up after 10 s. Own server with BCRYPT_ROUNDS=12 (and accounts
// hashed at cost 12), so every check costs what it costs in production.
import bcrypt from "bcrypt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { expectError, request, uniqueIp } from "../support/api";
import { uniqueEmail } from "../support/db";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const PASSWORD = "Correct-Horse-12-Battery";
let database: TestDatabase;
let server: TestServer;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "cost12");
  server = await startServer(database.url, { BCRYPT_ROUNDS: "12" });
  db = await createDb(database.url);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

const login = (email: string, password: string, ip: string, deviceToken?: string) =>
  request("POST", new URL("/api/auth/login", server.url).toString(), { json: deviceToken ? { email, password, device_token: deviceToken } : { email, password }, ip });

describe(`a room behind one address at bcrypt cost 12 (${inject("provider")})`, () => {
  it("10 strangers' failures, then 30 parallel correct logins from the same address: all 200", async () => {
    const hash = await bcrypt.hash(PASSWORD, 12);
    expect(bcrypt.getRounds(hash)).toBe(12);
    const students = await Promise.all(
      Array.from({ length: 30 }, (_, i) => db.user.create({ data: { email: uniqueEmail(`room${i}`), fullName: `Room ${i}`, passwordHash: hash, role: "student", status: "active", emailVerifiedAt: new Date() } })),
    );
    const ip = uniqueIp();
    // a phone that signed in to one student's account before, from elsewhere
    const first = await login(students[0]!.email, PASSWORD, uniqueIp());
    expect(first.status, first.text).toBe(200);
    for (let i = 0; i < 10; i++) expectError(await login(uniqueEmail(`stranger${i}`), "Wrong-Password-1!", ip), 401, "invalid_credentials");

    const results = await Promise.all(students.map((s, i) => login(s.email, PASSWORD, ip, i === 0 ? (first.body.device_token as string) : undefined)));
    expect(results.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.text.slice(0, 120)}`))).toEqual(students.map(() => 200));
    expect(await db.authSession.count({ where: { userId: { in: students.map((s) => s.id) } } })).toBe(31);
  }, 300_000);
});
