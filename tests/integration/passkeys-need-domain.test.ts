// Browsers allow passkeys only on domain names. A server whose APP_URL is an IP address says so
// plainly, in the API and on the pages that would offer a passkey. This file runs its own server
// and database with APP_URL http://127.0.0.1:<port>.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db";
import { request } from "../support/api";
import { TEST_PASSWORD } from "../support/factories";
import { createTestDatabase, freePort, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase(inject("provider"), "nodomain");
  const port = await freePort();
  server = await startServer(database.url, { APP_URL: `http://127.0.0.1:${port}`, PORT: String(port) });
  db = await createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
});

const at = (method: string, path: string, opts: Parameters<typeof request>[2] = {}) => request(method, new URL(path, server.url).toString(), opts);

describe(`passkeys need a domain (${inject("provider")})`, () => {
  it("an IP-address APP_URL: the API answers 409 passkeys_need_domain and says why", async () => {
    const email = "ip.only@example.edu";
    await db.user.create({ data: { email, fullName: "Ip Only", passwordHash: await hashPassword(TEST_PASSWORD, 4), role: "student", status: "active" } });
    const login = await at("POST", "/api/auth/login", { json: { email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;

    const list = await at("GET", "/api/auth/passkeys", { token });
    expect(list.body).toMatchObject({ passkeys_available: false, passkeys: [] });
    expect(list.body.unavailable_reason).toMatch(/Passkeys need a domain name.*IP address/);
    for (const [path, opts] of [["/api/auth/passkeys/login/options", {}], ["/api/auth/passkeys/register/options", { token }], ["/api/auth/step-up/options", { token }]] as const) {
      const res = await at("POST", path, opts);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "passkeys_need_domain", details: { app_url: new URL(server.url).origin } });
      expect(res.body.error.message).toMatch(/IP address/);
    }
    // the password still works for step-up
    expect((await at("POST", "/api/auth/step-up", { token, json: { method: "password", password: TEST_PASSWORD } })).status).toBe(200);
  });
});
