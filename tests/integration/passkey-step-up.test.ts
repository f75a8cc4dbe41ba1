// Issue 21, item 1: step-up was bypassed through passkey registration. With only a stolen session
// an attacker added a passkey, stepped up with it and made a user admin; the passkey kept signing
// in after the session was revoked. Adding or deleting a passkey now needs a fresh proof (the
// password, or a passkey from an earlier session); a passkey added in a session is no proof for
// that session; a passkey added to a staff account is told to its owner and to the admins.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, patch, post, request } from "../support/api";
import { testDb } from "../support/db";
import { createAdminWithToken, createUser, stepUp, tokensFor } from "../support/factories";
import { addPasskey, passkeySignIn, softAuthenticator } from "../support/passkeys";

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

describe(`adding and deleting passkeys needs step-up (${inject("provider")})`, () => {
  it("a stolen bearer session cannot register a passkey, so the chain register → step-up → make admin fails", async () => {
    const victim = await createUser({ role: "admin" });
    const { access_token: stolen } = await tokensFor(victim);
    const auth = softAuthenticator();

    // 1. register: refused at the options and at the verification
    expectError(await request("POST", "/api/auth/passkeys/register/options", { token: stolen }), 403, "step_up_required");
    const forged = auth.register({ challenge: Buffer.alloc(32, 7).toString("base64url"), rp: { id: "localhost" }, user: { id: Buffer.from(victim.id).toString("base64url") } });
    expectError(await request("POST", "/api/auth/passkeys/register/verify", { token: stolen, json: { response: forged } }), 403, "step_up_required");
    const db = await testDb();
    expect(await db.passkey.count({ where: { userId: victim.id } })).toBe(0);

    // 2. step-up with a passkey: there is none to use
    expectError(await request("POST", "/api/auth/step-up/options", { token: stolen }), 404, "passkey_not_found");
    // 3. make someone admin: refused
    const accomplice = await createUser();
    expectError(await patch(`/api/admin/users/${accomplice.id}`, { role: "admin" }, { token: stolen }), 403, "step_up_required");
    expect((await db.user.findUniqueOrThrow({ where: { id: accomplice.id } })).role).toBe("student");
    // and no passkey signs in as the victim
    expectError(await passkeySignIn(auth), 401, "passkey_unknown");
  });

  it("a passkey added in a session does not step that session up, even after the password proof has lapsed", async () => {
    const admin = await createUser({ role: "admin" });
    const { access_token: token } = await tokensFor(admin);
    const fresh = softAuthenticator();
    expect((await addPasskey(token, fresh)).status).toBe(201); // with a password step-up first
    const later = { "x-test-now": inSeconds(400) };
    const student = await createUser();
    expectError(await patch(`/api/admin/users/${student.id}`, { role: "admin" }, { token, headers: later }), 403, "step_up_required");
    // its step-up options offer no passkey of this session
    expectError(await request("POST", "/api/auth/step-up/options", { token, headers: later }), 404, "passkey_not_found");

    // with an older passkey on the account, the options list only that one; the new one is refused
    const older = softAuthenticator();
    expect((await addPasskey((await tokensFor(admin)).access_token, older)).status).toBe(201);
    const options = await request("POST", "/api/auth/step-up/options", { token, headers: later });
    expect(options.body.allowCredentials.map((c: { id: string }) => c.id)).toEqual([older.credentials.keys().next().value]);
    const proof = fresh.assert({ ...options.body, allowCredentials: [] });
    expectError(await request("POST", "/api/auth/step-up", { token, headers: later, json: { method: "passkey", response: proof } }), 403, "passkey_new_in_session");
    expectError(await patch(`/api/admin/users/${student.id}`, { role: "admin" }, { token, headers: later }), 403, "step_up_required");
    // in another session the new passkey is an existing one: a proof like any other
    const { access_token: other } = await tokensFor(admin);
    const otherOptions = await request("POST", "/api/auth/step-up/options", { token: other });
    expect((await request("POST", "/api/auth/step-up", { token: other, json: { method: "passkey", response: fresh.assert(otherOptions.body) } })).status).toBe(200);
    expect((await patch(`/api/admin/users/${student.id}`, { role: "admin" }, { token: other })).status).toBe(200);
  });

  it("the proof must still be fresh when the registration is verified, and deleting needs it too", async () => {
    const user = await createUser();
    const { access_token: token } = await tokensFor(user);
    await stepUp(token);
    const options = await request("POST", "/api/auth/passkeys/register/options", { token });
    expect(options.status).toBe(200);
    const auth = softAuthenticator();
    const response = auth.register(options.body);
    expectError(await request("POST", "/api/auth/passkeys/register/verify", { token, json: { response }, headers: { "x-test-now": inSeconds(301) } }), 403, "step_up_required");
    const added = await request("POST", "/api/auth/passkeys/register/verify", { token, json: { response } });
    expect(added.status).toBe(201);

    const { access_token: stolen } = await tokensFor(user);
    expectError(await request("DELETE", `/api/auth/passkeys/${added.body.passkey.id}`, { token: stolen }), 403, "step_up_required");
    const db = await testDb();
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
    await stepUp(stolen);
    expect((await request("DELETE", `/api/auth/passkeys/${added.body.passkey.id}`, { token: stolen })).body).toEqual({ deleted: true });
  });

  it("a student who signs in only with a password adds a first passkey after a password step-up; no staff alert", async () => {
    const student = await createUser();
    const login = await post("/api/auth/login", { email: student.email, password: student.password });
    expect(login.status).toBe(200);
    const token = login.body.access_token as string;
    expectError(await request("POST", "/api/auth/passkeys/register/options", { token }), 403, "step_up_required");
    const added = await addPasskey(token, softAuthenticator());
    expect(added.status).toBe(201);
    const db = await testDb();
    expect(await db.notification.count({ where: { userId: student.id, type: "passkey_added" } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { userId: student.id } })).toBe(0);
  });

  it("a passkey added to a staff account notifies its owner (in the app and by mail) and is on the suspicious-activity page", async () => {
    const instructor = await createUser({ role: "instructor" });
    const { access_token: token } = await tokensFor(instructor);
    const added = await addPasskey(token, softAuthenticator(), { name: "Unknown laptop" });
    expect(added.status).toBe(201);
    const db = await testDb();
    const notes = await db.notification.findMany({ where: { userId: instructor.id, type: "passkey_added" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain("Unknown laptop");
    const mails = await db.outboxMessage.findMany({ where: { userId: instructor.id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: instructor.email, category: "account", containsSecret: false });
    expect(mails[0]!.subject).toContain("passkey was added");
    expect(mails[0]!.text).toContain("Unknown laptop");

    const { token: adminToken } = await createAdminWithToken();
    const report = await get("/api/admin/suspicious", { token: adminToken });
    expect(report.status).toBe(200);
    const entry = (report.body.staff_passkeys_added as { user: { id: string }; passkey_name: string }[]).find((e) => e.user.id === instructor.id);
    expect(entry).toMatchObject({ passkey_name: "Unknown laptop", user: { id: instructor.id, email: instructor.email, role: "instructor" } });
  });
});
