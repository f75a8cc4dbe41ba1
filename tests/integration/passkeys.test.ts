// Passkeys (issue 11) over real HTTP, driven by a software ES256 authenticator: registration,
// sign-in (API token pair and next-auth browser session), every refusal with its code, the
// per-IP limit, rename/delete, and an admin's revocation. The shared test server's APP_URL is
// http://localhost:<port>: passkeys need a domain (passkeys-need-domain.test.ts: an IP address).
import { describe, expect, inject, it } from "vitest";
import { decodeJwt } from "jose";
import { expectError, get, post, request, uniqueIp } from "../support/api";
import { browserSignIn } from "../support/browser";
import { testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser, stepUp, tokensFor, TEST_PASSWORD } from "../support/factories";
import { addPasskey, passkeySignIn, signInAssertion, softAuthenticator, verifySignIn } from "../support/passkeys";
import { SoftAuthenticator } from "../support/webauthn";

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** A student with one registered passkey. */
async function studentWithPasskey(role: "student" | "admin" = "student") {
  const user = await createUser({ role });
  const { access_token: token, sessionId } = await tokensFor(user);
  const auth = softAuthenticator();
  const res = await addPasskey(token, auth);
  expect(res.status).toBe(201);
  return { user, token, sessionId, auth, passkey: res.body.passkey as { id: string; name: string } };
}

describe(`passkeys (${inject("provider")})`, () => {
  it("registers a passkey, then signs in with it: the same token pair, claims and audit as a password login", async () => {
    const { user, auth, passkey } = await studentWithPasskey();
    expect(passkey).toMatchObject({ name: "Passkey", device_type: "singleDevice", backed_up: false, transports: ["internal"], last_used_at: null });

    const ip = uniqueIp();
    const res = await passkeySignIn(auth, {}, ip);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "bearer", user: { id: user.id, email: user.email, role: "student", status: "active" } });
    const password = await post("/api/auth/login", { email: user.email, password: TEST_PASSWORD });
    expect(password.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(password.body).sort());
    const claims = decodeJwt(res.body.access_token);
    expect(Object.keys(claims).sort()).toEqual(Object.keys(decodeJwt(password.body.access_token)).sort());
    expect(claims).toMatchObject({ sub: user.id, role: "student" });

    // the session works and its refresh-token family rotates like any other
    const me = await get("/api/auth/me", { token: res.body.access_token });
    expect(me.body).toMatchObject({ id: user.id, session_id: claims.sid });
    const refreshed = await post("/api/auth/refresh", { refresh_token: res.body.refresh_token });
    expect(refreshed.status).toBe(200);

    const db = await testDb();
    const login = await db.auditLog.findFirstOrThrow({ where: { action: "login_ok", actorId: user.id, ipAddress: ip } });
    expect(JSON.parse(login.details)).toMatchObject({ kind: "api", method: "passkey", session_id: claims.sid });
    const row = await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(row.counter).toBe(1n);
    expect(row.lastUsedAt).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "passkey_registered", actorId: user.id, targetId: passkey.id } })).toBe(1);
  });

  it("signs a browser in through next-auth's passkey provider: a web session whose cookie authenticates the API", async () => {
    const { user, auth } = await studentWithPasskey();
    const ip = uniqueIp();
    const response = await signInAssertion(auth, {}, ip);
    const { jar, res } = await browserSignIn("passkey", { response: JSON.stringify(response) }, { ip });
    expect(res.status).toBe(200);
    const me = await request("GET", "/api/auth/me", { cookie: jar.header(), ip });
    expect(me.body).toMatchObject({ id: user.id });
    const session = await (await testDb()).authSession.findUniqueOrThrow({ where: { id: me.body.session_id } });
    expect(session.kind).toBe("web");

    // a refusal reaches the login form as JSON with its code, and no cookie is set
    const replay = await browserSignIn("passkey", { response: JSON.stringify(response) });
    expect(JSON.parse(new URL(replay.res.body.url).searchParams.get("error")!)).toMatchObject({ code: "passkey_challenge_used" });
    expect(replay.jar.has("next-auth.session-token")).toBe(false);
    const garbage = await browserSignIn("passkey", { response: "{not json" });
    expect(JSON.parse(new URL(garbage.res.body.url).searchParams.get("error")!)).toMatchObject({ code: "passkey_malformed" });
  });

  it("a replayed assertion is refused (409), and 30 replays at once make exactly one session", async () => {
    const { user, auth } = await studentWithPasskey();
    const response = await signInAssertion(auth);
    const results = await Promise.all(Array.from({ length: 30 }, () => verifySignIn(response)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectError(r, 409, "passkey_challenge_used");
    expect(await (await testDb()).authSession.count({ where: { userId: user.id, kind: "api" } })).toBe(2); // tokensFor + the one sign-in
    expectError(await verifySignIn(response), 409, "passkey_challenge_used");
  });

  it("refuses a foreign origin, a wrong RP ID and a missing user verification, each with its code", async () => {
    const { auth } = await studentWithPasskey();
    expectError(await passkeySignIn(auth, { origin: "https://rollcall.example.edu.evil.test" }), 400, "passkey_origin_mismatch");
    expectError(await passkeySignIn(auth, { origin: "http://127.0.0.1:1" }), 400, "passkey_origin_mismatch");
    expectError(await passkeySignIn(auth, { rpId: "evil.test" }), 400, "passkey_rp_id_mismatch");
    expectError(await passkeySignIn(auth, { userVerified: false }), 400, "passkey_user_verification_required");
    // registration is checked the same way
    const { access_token } = await tokensFor(await createUser());
    expectError(await addPasskey(access_token, new SoftAuthenticator("https://evil.test")), 400, "passkey_origin_mismatch");
    expectError(await addPasskey(access_token, auth, { tamper: { rpId: "evil.test" } }), 400, "passkey_rp_id_mismatch");
    expectError(await addPasskey(access_token, auth, { tamper: { userVerified: false } }), 400, "passkey_user_verification_required");
  });

  it("a counter that goes backwards is refused and flagged as suspicious to admins", async () => {
    const { user: admin } = await createAdminWithToken();
    const { user, auth, passkey } = await studentWithPasskey();
    expect((await passkeySignIn(auth, { counter: 5 })).status).toBe(200);
    expectError(await passkeySignIn(auth, { counter: 5 }), 403, "passkey_counter_regression");
    expectError(await passkeySignIn(auth, { counter: 3 }), 403, "passkey_counter_regression");
    expect((await passkeySignIn(auth, { counter: 6 })).status).toBe(200);
    const db = await testDb();
    const flagged = await db.auditLog.findMany({ where: { action: "passkey_suspicious", targetId: user.id } });
    // no ORDER BY can tell two rows apart reliably (same millisecond, random ids): compare as a set
    const details = flagged.map((f) => JSON.parse(f.details) as { presented_counter: number });
    expect(details.sort((a, b) => b.presented_counter - a.presented_counter)).toEqual([
      expect.objectContaining({ reason: "counter_regression", passkey_id: passkey.id, stored_counter: 5, presented_counter: 5 }),
      expect.objectContaining({ reason: "counter_regression", stored_counter: 5, presented_counter: 3 }),
    ]);
    expect(await db.notification.count({ where: { userId: admin.id, type: "passkey_suspicious" } })).toBeGreaterThanOrEqual(2);
    expect(Number((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter)).toBe(6);
  });

  it("a challenge expires after 2 minutes, works once, and must be one we issued", async () => {
    const { auth } = await studentWithPasskey();
    const late = await signInAssertion(auth);
    expectError(await verifySignIn(late, { headers: { "x-test-now": inSeconds(121) } }), 410, "passkey_challenge_expired");
    const inTime = await signInAssertion(auth);
    expect((await verifySignIn(inTime, { headers: { "x-test-now": inSeconds(110) } })).status).toBe(200);
    expectError(await verifySignIn(inTime), 409, "passkey_challenge_used");
    const options = await request("POST", "/api/auth/passkeys/login/options");
    expectError(await verifySignIn(auth.assert(options.body, { challenge: Buffer.alloc(32, 1).toString("base64url") })), 400, "passkey_challenge_invalid");
    // a registration challenge cannot sign anyone in
    const { access_token } = await tokensFor(await createUser());
    await stepUp(access_token);
    const reg = await request("POST", "/api/auth/passkeys/register/options", { token: access_token });
    expectError(await verifySignIn(auth.assert(options.body, { challenge: reg.body.challenge })), 400, "passkey_challenge_invalid");
  });

  it("anonymous sign-in options write no row (signed challenges); a forged or altered one is refused", async () => {
    const { auth } = await studentWithPasskey();
    const db = await testDb();
    const options = await Promise.all(Array.from({ length: 30 }, () => request("POST", "/api/auth/passkeys/login/options", { ip: uniqueIp() })));
    for (const o of options) expect(o.status).toBe(200);
    // none of the 30 challenges is a row (other files' ceremonies on the shared server may write theirs meanwhile)
    const challenges = options.map((o) => o.body.challenge as string);
    expect(new Set(challenges).size).toBe(30);
    expect(await db.webauthnChallenge.count({ where: { challenge: { in: challenges } } })).toBe(0);
    const genuine = options[0]!.body.challenge as string;
    const bytes = Buffer.from(genuine, "base64url");
    bytes[3] = bytes[3]! ^ 1; // another random part under the same MAC
    expectError(await verifySignIn(auth.assert(options[0]!.body, { challenge: bytes.toString("base64url") })), 400, "passkey_challenge_invalid");
    const later = new Date(Date.now() + 3_600_000);
    const stretched = Buffer.from(genuine, "base64url");
    stretched.writeUInt32BE(Math.floor(later.getTime() / 1000), 16); // a later expiry under the same MAC
    expectError(await verifySignIn(auth.assert(options[0]!.body, { challenge: stretched.toString("base64url") })), 400, "passkey_challenge_invalid");
    expect((await verifySignIn(auth.assert(options[1]!.body))).status).toBe(200);
  });

  it("a deleted passkey, or one never registered, cannot sign in (401 passkey_unknown)", async () => {
    const { token, auth, passkey } = await studentWithPasskey();
    await stepUp(token);
    const del = await request("DELETE", `/api/auth/passkeys/${passkey.id}`, { token });
    expect(del.body).toEqual({ deleted: true });
    expectError(await passkeySignIn(auth), 401, "passkey_unknown");
    expectError(await request("DELETE", `/api/auth/passkeys/${passkey.id}`, { token }), 404, "passkey_not_found");
    const stranger = softAuthenticator();
    stranger.register({ challenge: "x", rp: { id: "localhost" }, user: { id: "someone" } });
    expectError(await passkeySignIn(stranger), 401, "passkey_unknown");
  });

  it("a deactivated or unapproved user's passkey is refused with the account's code", async () => {
    const { user, auth } = await studentWithPasskey();
    const db = await testDb();
    await db.user.update({ where: { id: user.id }, data: { status: "deactivated" } });
    expectError(await passkeySignIn(auth), 403, "account_deactivated");
    await db.user.update({ where: { id: user.id }, data: { status: "rejected" } });
    expectError(await passkeySignIn(auth), 403, "account_rejected");
    const failed = await db.auditLog.findMany({ where: { action: "login_failed", actorId: user.id } });
    expect(failed.map((f) => JSON.parse(f.details).reason).sort()).toEqual(["account_deactivated", "account_rejected"]);
  });

  it("limits failed passkey sign-ins per address atomically: of 30 at once, at most 10 are checked", async () => {
    const { auth } = await studentWithPasskey();
    const ip = uniqueIp();
    const bad = await Promise.all(Array.from({ length: 30 }, () => signInAssertion(auth, { origin: "https://evil.test" }, ip)));
    const results = await Promise.all(bad.map((r) => verifySignIn(r, { ip })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect(Number(results.find((r) => r.status === 429)!.headers["retry-after"])).toBeGreaterThan(0);
    expectError(await passkeySignIn(auth, {}, ip), 429, "rate_limited");
    // another address is not affected, and a correct passkey hands its slot back
    const other = uniqueIp();
    for (let i = 0; i < 12; i++) expect((await passkeySignIn(auth, {}, other)).status).toBe(200);
  });

  it("lists, renames and deletes only your own passkeys", async () => {
    const a = await studentWithPasskey();
    const b = await studentWithPasskey();
    const named = await addPasskey(a.token, softAuthenticator(Buffer.from("ea9b8d664d011d213ce4b6b48cb575d4", "hex")));
    expect(named.body.passkey.name).toBe("Google Password Manager");
    const list = await request("GET", "/api/auth/passkeys", { token: a.token });
    expect(list.body).toMatchObject({ passkeys_available: true, unavailable_reason: null });
    expect(list.body.passkeys.map((p: { id: string }) => p.id)).toEqual([named.body.passkey.id, a.passkey.id]);

    const renamed = await request("PATCH", `/api/auth/passkeys/${a.passkey.id}`, { token: a.token, json: { name: "  My phone  " } });
    expect(renamed.body.passkey).toMatchObject({ id: a.passkey.id, name: "My phone" });
    expectError(await request("PATCH", `/api/auth/passkeys/${b.passkey.id}`, { token: a.token, json: { name: "Mine now" } }), 404, "passkey_not_found");
    expectError(await request("DELETE", `/api/auth/passkeys/${b.passkey.id}`, { token: a.token }), 404, "passkey_not_found");
    expectError(await request("PATCH", `/api/auth/passkeys/${a.passkey.id}`, { token: a.token, json: { name: "" } }), 400, "validation_failed");
    expectError(await request("PATCH", `/api/auth/passkeys/${a.passkey.id}`, { token: a.token, json: { name: "x", extra: 1 } }), 400, "validation_failed");
    expectError(await request("GET", "/api/auth/passkeys"), 401, "unauthenticated");
    expectError(await request("POST", "/api/auth/passkeys/register/options"), 401, "unauthenticated");
    const db = await testDb();
    expect((await db.passkey.findUniqueOrThrow({ where: { id: b.passkey.id } })).name).toBe("Passkey");
    expect(await db.auditLog.count({ where: { action: "passkey_renamed", targetId: a.passkey.id } })).toBe(1);
  });

  it("a registration response works once and must answer this user's challenge", async () => {
    const { access_token: token } = await tokensFor(await createUser());
    const { access_token: other } = await tokensFor(await createUser());
    const auth = softAuthenticator();
    await stepUp(token);
    await stepUp(other);
    const options = await request("POST", "/api/auth/passkeys/register/options", { token });
    expect(options.body).toMatchObject({ rp: { id: "localhost", name: "Rollcall" }, authenticatorSelection: { residentKey: "required", userVerification: "required" }, attestation: "none", timeout: 120_000 });
    const response = auth.register(options.body);
    expectError(await request("POST", "/api/auth/passkeys/register/verify", { token: other, json: { response } }), 400, "passkey_challenge_invalid");
    expect((await request("POST", "/api/auth/passkeys/register/verify", { token, json: { response } })).status).toBe(201);
    expectError(await request("POST", "/api/auth/passkeys/register/verify", { token, json: { response } }), 409, "passkey_challenge_used");
    // the next options exclude the registered credential
    const again = await request("POST", "/api/auth/passkeys/register/options", { token });
    expect(again.body.excludeCredentials).toEqual([expect.objectContaining({ id: response.id })]);
    expectError(await request("POST", "/api/auth/passkeys/register/verify", { token, json: { response: { ...response, type: "other" } } }), 400, "validation_failed");
  });

  it("admins see how many passkeys a user has and can revoke them (audited)", async () => {
    const { user: admin, token: adminToken } = await createAdminWithToken();
    const { user, token, auth } = await studentWithPasskey();
    await addPasskey(token, softAuthenticator());
    const listed = await get(`/api/admin/users?q=${encodeURIComponent(user.email)}`, { token: adminToken });
    expect(listed.body.users).toEqual([expect.objectContaining({ id: user.id, passkeys: 2 })]);
    const { token: studentToken } = await createStudentWithToken();
    expectError(await post(`/api/admin/users/${user.id}/revoke-passkeys`, undefined, { token: studentToken }), 403, "forbidden");
    const revoked = await post(`/api/admin/users/${user.id}/revoke-passkeys`, undefined, { token: adminToken });
    expect(revoked.body).toEqual({ revoked: 2 });
    expectError(await passkeySignIn(auth), 401, "passkey_unknown");
    const entry = await (await testDb()).auditLog.findFirstOrThrow({ where: { action: "passkeys_revoked", targetId: user.id } });
    expect(entry.actorId).toBe(admin.id);
    expect(JSON.parse(entry.details)).toEqual({ revoked: 2 });
    expectError(await post(`/api/admin/users/nosuchuser/revoke-passkeys`, undefined, { token: adminToken }), 404, "not_found");
  });
});
