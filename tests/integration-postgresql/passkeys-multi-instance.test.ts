// Two app instances behind one public address (APP_URL) on one PostgreSQL database: a passkey
// ceremony started on one instance finishes on the other, because challenges live in the
// database — and a challenge is still spent exactly once across both.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectError } from "../support/api";
import { testDb } from "../support/db";
import { createUser, stepUp, tokensFor } from "../support/factories";
import { at, softAuthenticator, startInstance } from "../support/passkeys";
import type { TestServer } from "../support/test-server";

// `a` is the shared server; `b` a second instance with the same APP_URL, as behind a load balancer
let b: TestServer;
const a = { url: inject("baseUrl") };
beforeAll(async () => {
  b = await startInstance();
}, 60_000);
afterAll(async () => {
  await b?.stop();
});

describe(`passkeys across two instances (${inject("provider")})`, () => {
  it("registers on one instance and signs in on the other, in both directions", async () => {
    const user = await createUser();
    const { access_token: token } = await tokensFor(user);
    const auth = softAuthenticator();
    await stepUp(token, a.url);
    const options = await at(a.url, "POST", "/api/auth/passkeys/register/options", { token });
    const registered = await at(b.url, "POST", "/api/auth/passkeys/register/verify", { token, json: { response: auth.register(options.body) } });
    expect(registered.status).toBe(201);

    for (const [start, finish] of [[a, b], [b, a]] as const) {
      const login = await at(start.url, "POST", "/api/auth/passkeys/login/options");
      const res = await at(finish.url, "POST", "/api/auth/passkeys/login/verify", { json: { response: auth.assert(login.body) } });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(user.id);
    }
  });

  it("one assertion replayed at both instances at once signs in exactly once", async () => {
    const user = await createUser();
    const { access_token: token } = await tokensFor(user);
    const auth = softAuthenticator();
    await stepUp(token, a.url);
    const options = await at(a.url, "POST", "/api/auth/passkeys/register/options", { token });
    expect((await at(a.url, "POST", "/api/auth/passkeys/register/verify", { token, json: { response: auth.register(options.body) } })).status).toBe(201);
    const login = await at(b.url, "POST", "/api/auth/passkeys/login/options");
    const response = auth.assert(login.body);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => at(i % 2 ? a.url : b.url, "POST", "/api/auth/passkeys/login/verify", { json: { response } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, "passkey_challenge_used");
    expect(await (await testDb()).authSession.count({ where: { userId: user.id } })).toBe(2); // tokensFor + the one sign-in
  });

  it("a step-up started on one instance stamps the session on the other", async () => {
    const admin = await createUser({ role: "admin" });
    // the passkey is added in an earlier session: the session that adds one cannot step up with it
    const { access_token: earlier } = await tokensFor(admin);
    const auth = softAuthenticator();
    await stepUp(earlier, b.url);
    const reg = await at(b.url, "POST", "/api/auth/passkeys/register/options", { token: earlier });
    expect((await at(a.url, "POST", "/api/auth/passkeys/register/verify", { token: earlier, json: { response: auth.register(reg.body) } })).status).toBe(201);
    const { access_token: token } = await tokensFor(admin);
    const options = await at(a.url, "POST", "/api/auth/step-up/options", { token });
    expect((await at(b.url, "POST", "/api/auth/step-up", { token, json: { method: "passkey", response: auth.assert(options.body) } })).status).toBe(200);
    const student = await createUser();
    expect((await at(a.url, "PATCH", `/api/admin/users/${student.id}`, { token, json: { role: "admin" } })).status).toBe(200);
  });
});
