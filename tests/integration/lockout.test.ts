// The per-account lockout, trusted devices, the per-address failure budget and aggregated
// refusal audits (docs/authentication.md), over real HTTP: the hostile review's reproductions.
import { describe, expect, inject, it } from "vitest";
import { LOGIN_FAILURES_PER_IP } from "@/lib/accounts/limits";
import { throttleKey } from "@/lib/auth/lockout";
import { bucketKey } from "@/lib/rate-limit/limit";
import { expectError, get, post, uniqueIp, type ApiResponse } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, TEST_PASSWORD } from "../support/factories";

const WRONG = "Wrong-Password-1!";
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

function login(email: string, password: string, opts: { ip?: string; at?: string; deviceToken?: string } = {}) {
  const body = opts.deviceToken ? { email, password, device_token: opts.deviceToken } : { email, password };
  return post("/api/auth/login", body, { ip: opts.ip, headers: opts.at ? { "x-test-now": opts.at } : {} });
}

/** Five wrong passwords, each from its own address: the account (or email) is now locked. */
async function lockOut(email: string) {
  for (let i = 0; i < 5; i++) expectError(await login(email, WRONG), 401, "invalid_credentials");
}

/** What a client can observe of an answer: status, code, message, Retry-After. */
const observable = (r: ApiResponse) => ({ status: r.status, error: r.body?.error, retryAfter: r.headers["retry-after"] });

describe(`per-account lockout (${inject("provider")})`, () => {
  it("a parallel burst of guesses from three addresses gets five checks; the correct password sent last is refused", async () => {
    const user = await createUser();
    const ips = [uniqueIp(), uniqueIp(), uniqueIp()];
    // 29 wrong guesses at once; then the correct password, sent once they are answered. (Sent in the
    // same Promise.all it was "last" only in the code: under load it sometimes reached the server
    // among the first five and was rightly checked, a race in this test, seen once in a full run.)
    const burst = await Promise.all(Array.from({ length: 29 }, (_, i) => login(user.email, `${WRONG}${i}`, { ip: ips[i % 3] })));
    const last = await login(user.email, TEST_PASSWORD, { ip: ips[2] });
    const checked = burst.filter((r) => r.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    for (const r of burst.filter((r) => r.status === 429)) expectError(r, 429, "account_locked");
    expectError(last, 429, "account_locked");
    const db = await testDb();
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "login_failed", targetId: user.id } })).toBe(checked.length);
  });

  it("locks for 30 s, then allows one attempt per lock, each lock twice as long, and ends by itself", async () => {
    const user = await createUser();
    await lockOut(user.email);
    const locked = await login(user.email, TEST_PASSWORD);
    expectError(locked, 429, "account_locked");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(30);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "login_locked", targetId: user.id } })).toBe(1);

    // after the lock: one attempt; a wrong one locks again for 60 s
    expectError(await login(user.email, WRONG, { at: inSeconds(31) }), 401, "invalid_credentials");
    const again = await login(user.email, TEST_PASSWORD, { at: inSeconds(32) });
    expectError(again, 429, "account_locked");
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(50);
    expect(Number(again.headers["retry-after"])).toBeLessThanOrEqual(60);

    expect((await login(user.email, TEST_PASSWORD, { at: inSeconds(31 + 61) })).status).toBe(200);
    // the success forgot the streak: five attempts again
    expect(await db.loginThrottle.findUnique({ where: { key: throttleKey(user.email, null) } })).toBeNull();
  });

  it("an unknown email answers exactly like a known one: same codes, messages, lock and Retry-After", async () => {
    const user = await createUser();
    const ghost = uniqueEmail("ghost");
    // both runs on the same pinned clock, so no second of machine time can tell them apart
    const [at, afterLock, lockedAgain] = [inSeconds(0), inSeconds(31), inSeconds(32)];
    const run = async (email: string) => {
      const answers: ApiResponse[] = [];
      for (let i = 0; i < 6; i++) answers.push(await login(email, i === 5 ? TEST_PASSWORD : WRONG, { at }));
      answers.push(await login(email, WRONG, { at: afterLock })); // the one attempt after the lock
      answers.push(await login(email, WRONG, { at: lockedAgain })); // locked again, for 60 s
      return answers.map(observable);
    };
    const known = await run(user.email);
    const unknown = await run(ghost);
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 401, 429]);
  });

  it("the right password for a pending account never locks it, however often it is tried", async () => {
    const user = await createUser({ status: "pending" });
    const db = await testDb();
    await db.approvalRequest.create({ data: { userId: user.id, requestedAt: new Date(), expiresAt: new Date(Date.now() + 180_000) } });
    for (let i = 0; i < 7; i++) expectError(await login(user.email, TEST_PASSWORD), 403, "account_pending");
  });
});

describe(`trusted devices (${inject("provider")})`, () => {
  it("a client that signed in before still signs in while guesses from elsewhere keep the account locked", async () => {
    const user = await createUser();
    const phone = uniqueIp();
    const first = await login(user.email, TEST_PASSWORD, { ip: phone });
    expect(first.status).toBe(200);
    const deviceToken = first.body.device_token as string;
    expect(deviceToken).toMatch(/^d1\./);

    await lockOut(user.email);
    expectError(await login(user.email, TEST_PASSWORD), 429, "account_locked");
    const trusted = await login(user.email, TEST_PASSWORD, { ip: phone, deviceToken });
    expect(trusted.status).toBe(200);
    expect(trusted.body.device_token).toMatch(/^d1\./);
    // the lock the attacker caused stands for everyone else
    expectError(await login(user.email, TEST_PASSWORD), 429, "account_locked");
    const db = await testDb();
    const ok = await db.auditLog.findMany({ where: { action: "login_ok", actorId: user.id }, orderBy: { createdAt: "asc" } });
    expect(ok.map((a) => JSON.parse(a.details).trusted_device)).toEqual([false, true]);
  });

  it("a trusted device's own failures lock only that device; a token for another account is no help", async () => {
    const user = await createUser();
    const other = await createUser();
    const deviceToken = (await login(user.email, TEST_PASSWORD)).body.device_token as string;
    for (let i = 0; i < 5; i++) expectError(await login(user.email, WRONG, { deviceToken }), 401, "invalid_credentials");
    expectError(await login(user.email, TEST_PASSWORD, { deviceToken }), 429, "account_locked");
    // untrusted clients were never locked by the device's typos
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);

    await lockOut(other.email);
    expectError(await login(other.email, TEST_PASSWORD, { deviceToken }), 429, "account_locked");
    expectError(await login(other.email, TEST_PASSWORD, { deviceToken: `${deviceToken.slice(0, -2)}AA` }), 429, "account_locked");
  });

  it("an admin unlocks from POST /api/admin/users/{id}/unlock, which is audited", async () => {
    const { user: admin, token } = await createAdminWithToken();
    const user = await createUser();
    await lockOut(user.email);
    const listed = await get(`/api/admin/users?q=${encodeURIComponent(user.email)}`, { token });
    expect(listed.body.users[0].locked_until).not.toBeNull();

    const unlocked = await post(`/api/admin/users/${user.id}/unlock`, undefined, { token });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ user: { id: user.id, locked_until: null }, throttles_cleared: 1 });
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);
    const audit = await (await testDb()).auditLog.findFirstOrThrow({ where: { action: "login_unlocked", targetId: user.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.details)).toMatchObject({ email: user.email, throttles_cleared: 1 });

    expectError(await post(`/api/admin/users/${user.id}/unlock`, undefined, { token: (await login(user.email, TEST_PASSWORD)).body.access_token }), 403, "forbidden");
    expectError(await post("/api/admin/users/cxxxxxxxxxxxxxxxxxxxxxxx0/unlock", undefined, { token }), 404, "not_found");
  });
});

describe(`per-address failure budget (${inject("provider")})`, () => {
  it("30 students logging in at once behind one address all get in", async () => {
    const ip = uniqueIp();
    const students = await Promise.all(Array.from({ length: 30 }, () => createUser()));
    const results = await Promise.all(students.map((s) => login(s.email, TEST_PASSWORD, { ip })));
    expect(results.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.text}`))).toEqual(students.map(() => 200));
  });

  it("password spraying from one address is cut off at the address's ceiling, checked in parallel; then only a trusted device gets in", async () => {
    const ip = uniqueIp();
    const ceiling = LOGIN_FAILURES_PER_IP.max;
    const user = await createUser();
    const deviceToken = (await login(user.email, TEST_PASSWORD, { ip: uniqueIp() })).body.device_token as string;
    const results = await Promise.all(Array.from({ length: ceiling + 20 }, (_, i) => login(uniqueEmail(`spray${i}`), WRONG, { ip })));
    expect(results.filter((r) => r.status === 401)).toHaveLength(ceiling);
    for (const r of results.filter((r) => r.status !== 401)) expectError(r, 429, "rate_limited");
    // the sprayer's address is closed, for new clients too…
    expectError(await login(user.email, TEST_PASSWORD, { ip }), 429, "rate_limited");
    // …but not for a client that signed in to this account before (OWASP's device cookie)
    expect((await login(user.email, TEST_PASSWORD, { ip, deviceToken })).status).toBe(200);
  }, 180_000);

  it("ten strangers' failures do not close the address; one account's typos count for that account only", async () => {
    const ip = uniqueIp();
    const user = await createUser();
    for (let i = 0; i < 10; i++) expectError(await login(uniqueEmail(`stranger${i}`), WRONG, { ip }), 401, "invalid_credentials");
    expect((await login(user.email, TEST_PASSWORD, { ip })).status).toBe(200);
    // one account's own failures from this address are counted for that pair only
    const typo = await createUser();
    for (let i = 0; i < 4; i++) expectError(await login(typo.email, WRONG, { ip }), 401, "invalid_credentials");
    expect((await login(typo.email, TEST_PASSWORD, { ip })).status).toBe(200);
  });
});

describe(`refusals are audited in aggregate (${inject("provider")})`, () => {
  it("200 refused logins from one address add no row each, and one entry with their count when the window ends", async () => {
    const ip = uniqueIp();
    const at = inSeconds(0);
    // the address's ceiling already filled by failures (the spraying test above fills it through the API)
    const db = await testDb();
    const now = new Date();
    await db.rateLimitBucket.create({
      data: { key: bucketKey(LOGIN_FAILURES_PER_IP, ip), count: LOGIN_FAILURES_PER_IP.max, pending: 0, windowStart: now, expiresAt: new Date(now.getTime() + LOGIN_FAILURES_PER_IP.windowSeconds * 1000) },
    });
    const before = await db.auditLog.count({ where: { ipAddress: ip } });
    const refused = await Promise.all(Array.from({ length: 200 }, () => login(uniqueEmail("spray"), WRONG, { ip, at })));
    for (const r of refused) expectError(r, 429, "rate_limited");
    expect(await db.auditLog.count({ where: { ipAddress: ip } })).toBeLessThanOrEqual(before + 2);

    // the next refusal after the 60-second window writes the tally
    expectError(await login(uniqueEmail("spray"), WRONG, { ip, at: inSeconds(61) }), 429, "rate_limited");
    const entries = await db.auditLog.findMany({ where: { action: "login_refused", targetId: ip } });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ reason: "ip_rate_limited", count: 200, window_seconds: 60 });
  }, 180_000);

  it("attempts against a locked account add no row each", async () => {
    const user = await createUser();
    await lockOut(user.email);
    const db = await testDb();
    const about = { OR: [{ targetId: user.id }, { details: { contains: user.email } }] };
    const before = await db.auditLog.count({ where: about });
    const refused = await Promise.all(Array.from({ length: 50 }, () => login(user.email, WRONG)));
    for (const r of refused) expectError(r, 429, "account_locked");
    expect(await db.auditLog.count({ where: about })).toBe(before);
  });
});
