// Login, tokens, refresh rotation, logout, revocation and the login rate limits
// (docs/design.md#sign-in-and-tokens), over real HTTP.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, request, uniqueIp } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createUser, TEST_PASSWORD, tokensFor } from "../support/factories";
import { LOGIN_FAILURES_PER_IP } from "@/lib/accounts/limits";

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

function login(email: string, password: string, opts: { ip?: string; headers?: Record<string, string> } = {}) {
  return post("/api/auth/login", { email, password }, opts);
}

describe(`login (${inject("provider")})`, () => {
  it("returns the seed's token pair and user, and /me works with the access token", async () => {
    const user = await createUser({ role: "student" });
    const res = await login(`  ${user.email.toUpperCase()}`, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: "bearer", expires_in: 15 * 60, user: { id: user.id, email: user.email, role: "student" } });
    expect(typeof res.body.access_token).toBe("string");
    expect(res.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.device_token).toMatch(/^d1\./);
    const claims = JSON.parse(Buffer.from(res.body.access_token.split(".")[1], "base64url").toString());
    expect(Object.keys(claims)).toEqual(expect.arrayContaining(["sub", "role", "sid", "jti", "exp", "iat"]));
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    const me = await get("/api/auth/me", { token: res.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, role: "student", status: "active" });
    const db = await testDb();
    const stored = await db.refreshToken.findMany({ where: { sessionId: claims.sid }, omit: { tokenHash: false } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(res.body.refresh_token);
    const ok = await db.auditLog.findMany({ where: { action: "login_ok", actorId: user.id } });
    expect(ok.map((a) => JSON.parse(a.details))).toEqual([{ kind: "api", method: "password", session_id: claims.sid, trusted_device: false }]);
  });

  it.each(["pending", "rejected", "expired", "deactivated"] as const)(
    "a %s account hears why only after the correct password",
    async (status) => {
      const user = await createUser({ status });
      if (status === "pending") {
        const db = await testDb();
        await db.approvalRequest.create({ data: { userId: user.id, requestedAt: new Date(), expiresAt: new Date(Date.now() + 180_000) } });
      }
      const right = await login(user.email, TEST_PASSWORD, { headers: { "user-agent": "ua-status" } });
      expectError(right, 403, `account_${status}`);
      expectError(await login(user.email, "Wrong-Password-1!"), 401, "invalid_credentials");
      const db = await testDb();
      const audit = await db.auditLog.findMany({ where: { action: "login_failed", targetId: user.id }, orderBy: { createdAt: "asc" } });
      expect(audit.map((a) => JSON.parse(a.details).reason).sort()).toEqual([`account_${status}`, "wrong_password"].sort());
      expect(audit.some((a) => a.userAgent === "ua-status")).toBe(true);
      expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);
    },
  );

  it("a pending account whose request expired is told it expired", async () => {
    const user = await createUser({ status: "pending" });
    const db = await testDb();
    await db.approvalRequest.create({ data: { userId: user.id, requestedAt: new Date(), expiresAt: new Date(Date.now() + 180_000) } });
    expectError(await login(user.email, TEST_PASSWORD, { headers: { "x-test-now": inSeconds(181) } }), 403, "account_expired");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("expired");
  });

  it("an unknown email and a wrong password get the same answer, and both are audited with IP and user agent", async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const unknown = await login(uniqueEmail("ghost"), TEST_PASSWORD, { ip, headers: { "user-agent": "ua-probe" } });
    const wrong = await login(user.email, "Not-The-Password-1", { ip, headers: { "user-agent": "ua-probe" } });
    const a = expectError(unknown, 401, "invalid_credentials");
    const b = expectError(wrong, 401, "invalid_credentials");
    expect(a.message).toBe(b.message);
    const rows = await (await testDb()).auditLog.findMany({ where: { action: "login_failed", ipAddress: ip } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.userAgent === "ua-probe")).toBe(true);
  });

  it("limits failed logins per client IP to the address's ceiling per 15 minutes (429 + Retry-After), whatever X-Forwarded-For says", async () => {
    const ip = uniqueIp();
    const user = await createUser();
    const { max, windowSeconds } = LOGIN_FAILURES_PER_IP;
    const sprayed = await Promise.all(
      Array.from({ length: max }, (_, i) => login(uniqueEmail("spray"), "Wrong-Password-1!", { ip, headers: { "x-forwarded-for": `198.51.100.${(i % 250) + 1}` } })),
    );
    for (const res of sprayed) expectError(res, 401, "invalid_credentials");
    const limited = await login(user.email, TEST_PASSWORD, { ip, headers: { "x-forwarded-for": "198.51.100.200" } });
    expectError(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    // another client is unaffected, and the window ends
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);
    expect((await login(user.email, TEST_PASSWORD, { ip, headers: { "x-test-now": inSeconds(windowSeconds + 1) } })).status).toBe(200);
    const db = await testDb();
    // every checked failure audited; the refused attempt is tallied (tests/integration/lockout.test.ts)
    expect(await db.auditLog.count({ where: { action: "login_failed", ipAddress: ip } })).toBe(max);
  }, 180_000);

  it("answers bad input with 4xx and opens no session", async () => {
    const user = await createUser();
    const big = "x".repeat(10 * 1024);
    const bodies: unknown[] = [
      {},
      { email: user.email },
      { password: TEST_PASSWORD },
      { email: user.email, password: TEST_PASSWORD, remember: true },
      { email: user.email, password: 123 },
      { email: 5, password: TEST_PASSWORD },
      { email: `${big}@x.edu`, password: TEST_PASSWORD },
      { email: user.email, password: big },
      [],
    ];
    for (const body of bodies) expectError(await post("/api/auth/login", body), 400, "validation_failed");
    expectError(await request("POST", "/api/auth/login", { raw: "{bad", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/auth/login", { raw: `email=${user.email}`, headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    expect(await (await testDb()).authSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe(`refresh rotation (${inject("provider")})`, () => {
  it("each refresh token works once and returns a new pair", async () => {
    const user = await createUser();
    const first = (await login(user.email, TEST_PASSWORD)).body;
    const second = await post("/api/auth/refresh", { refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ token_type: "bearer", expires_in: 900 });
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const third = await post("/api/auth/refresh", { refresh_token: second.body.refresh_token });
    expect(third.status).toBe(200);
    expect((await get("/api/auth/me", { token: third.body.access_token })).status).toBe(200);
  });

  it("reusing a spent refresh token after the 10-second grace period revokes the whole family and is audited", async () => {
    const user = await createUser();
    const first = (await login(user.email, TEST_PASSWORD)).body;
    const second = (await post("/api/auth/refresh", { refresh_token: first.refresh_token })).body;
    const late = { "x-test-now": inSeconds(11) };
    expectError(await request("POST", "/api/auth/refresh", { json: { refresh_token: first.refresh_token }, headers: late }), 401, "refresh_token_reused");
    expectError(await post("/api/auth/refresh", { refresh_token: second.refresh_token }), 401, "session_revoked");
    expectError(await get("/api/auth/me", { token: second.access_token }), 401, "session_revoked");
    const db = await testDb();
    const sid = JSON.parse(Buffer.from(first.access_token.split(".")[1], "base64url").toString()).sid;
    const session = await db.authSession.findUniqueOrThrow({ where: { id: sid } });
    expect(session.revokedReason).toBe("refresh_reuse");
    expect(await db.auditLog.count({ where: { action: "refresh_reuse", targetId: sid } })).toBe(1);
  });

  it("tabs refreshing at once with one token all get the same successor, and the session lives on", async () => {
    const user = await createUser();
    const first = (await login(user.email, TEST_PASSWORD)).body;
    const results = await Promise.all(Array.from({ length: 30 }, () => post("/api/auth/refresh", { refresh_token: first.refresh_token })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const successors = new Set(results.map((r) => r.body.refresh_token as string));
    expect(successors.size).toBe(1);
    for (const r of results) expect((await get("/api/auth/me", { token: r.body.access_token })).status).toBe(200);
    const [successor] = [...successors];
    expect(successor).not.toBe(first.refresh_token);
    const db = await testDb();
    const sid = JSON.parse(Buffer.from(first.access_token.split(".")[1], "base64url").toString()).sid;
    // one rotation happened (login token + its one successor), stored as hashes only
    expect(await db.refreshToken.count({ where: { sessionId: sid } })).toBe(2);
    expect(await db.refreshToken.count({ where: { tokenHash: successor! } })).toBe(0);
    expect((await post("/api/auth/refresh", { refresh_token: successor })).status).toBe(200);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: sid } })).revokedAt).toBeNull();
  });

  it("a tab a rotation behind, within the grace period, gets the newest live token", async () => {
    const user = await createUser();
    const first = (await login(user.email, TEST_PASSWORD)).body;
    const second = (await post("/api/auth/refresh", { refresh_token: first.refresh_token })).body;
    const third = (await post("/api/auth/refresh", { refresh_token: second.refresh_token })).body;
    const behind = await request("POST", "/api/auth/refresh", { json: { refresh_token: first.refresh_token }, headers: { "x-test-now": inSeconds(5) } });
    expect(behind.status).toBe(200);
    expect(behind.body.refresh_token).toBe(third.refresh_token);
  });

  it("a session gets at most 20 refresh tokens per 10 minutes; refusals write no row each", async () => {
    const user = await createUser();
    let pair = (await login(user.email, TEST_PASSWORD)).body;
    for (let i = 0; i < 19; i++) {
      const next = await post("/api/auth/refresh", { refresh_token: pair.refresh_token });
      expect(next.status).toBe(200);
      pair = next.body;
    }
    const db = await testDb();
    const before = await db.auditLog.count({ where: { actorId: user.id } });
    const refused = await Promise.all(Array.from({ length: 20 }, () => post("/api/auth/refresh", { refresh_token: pair.refresh_token })));
    for (const r of refused) expectError(r, 429, "rate_limited");
    expect(Number(refused[0]!.headers["retry-after"])).toBeGreaterThan(500);
    expect(await db.auditLog.count({ where: { actorId: user.id } })).toBe(before);
    const later = await request("POST", "/api/auth/refresh", { json: { refresh_token: pair.refresh_token }, headers: { "x-test-now": inSeconds(601) } });
    expect(later.status).toBe(200);
  });

  it("refuses unknown, expired and malformed refresh tokens", async () => {
    expectError(await post("/api/auth/refresh", { refresh_token: "A".repeat(43) }), 401, "refresh_token_invalid");
    const user = await createUser();
    const pair = await tokensFor(user);
    expectError(await request("POST", "/api/auth/refresh", { json: { refresh_token: pair.refresh_token }, headers: { "x-test-now": new Date(Date.now() + 8 * 86_400_000).toISOString() } }), 401, "refresh_token_invalid");
    for (const body of [{}, { refresh_token: "" }, { refresh_token: 5 }, { refresh_token: "x".repeat(10 * 1024) }, { refresh_token: pair.refresh_token, extra: 1 }]) {
      expectError(await post("/api/auth/refresh", body), 400, "validation_failed");
    }
    expectError(await request("POST", "/api/auth/refresh", { raw: "{", headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await request("POST", "/api/auth/refresh", { raw: "x", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    // the unexpired token still works once: bad requests spent nothing
    expect((await post("/api/auth/refresh", { refresh_token: pair.refresh_token })).status).toBe(200);
  });
});

describe(`logout and revocation (${inject("provider")})`, () => {
  it("logout revokes the session: its access and refresh tokens stop working", async () => {
    const user = await createUser();
    const pair = (await login(user.email, TEST_PASSWORD)).body;
    const out = await post("/api/auth/logout", undefined, { token: pair.access_token });
    expect(out.status).toBe(200);
    expectError(await get("/api/auth/me", { token: pair.access_token }), 401, "session_revoked");
    expectError(await post("/api/auth/refresh", { refresh_token: pair.refresh_token }), 401, "session_revoked");
    expect(await (await testDb()).auditLog.count({ where: { action: "logout", actorId: user.id } })).toBe(1);
    expectError(await post("/api/auth/logout"), 401, "unauthenticated");
  });

  it("deactivation and session revocation take effect on the next request", async () => {
    const db = await testDb();
    const a = await createUser();
    const tokenA = (await login(a.email, TEST_PASSWORD)).body.access_token;
    expect((await get("/api/auth/me", { token: tokenA })).status).toBe(200);
    await db.user.update({ where: { id: a.id }, data: { status: "deactivated" } });
    expectError(await get("/api/auth/me", { token: tokenA }), 403, "account_deactivated");

    const b = await createUser();
    const tokenB = (await login(b.email, TEST_PASSWORD)).body.access_token;
    await db.authSession.updateMany({ where: { userId: b.id }, data: { revokedAt: new Date(), revokedReason: "admin" } });
    expectError(await get("/api/auth/me", { token: tokenB }), 401, "session_revoked");
  });

  it("a role change takes effect on the next request, whatever the token's role claim says", async () => {
    const db = await testDb();
    const admin = await createUser({ role: "admin" });
    const token = (await login(admin.email, TEST_PASSWORD)).body.access_token;
    expect((await get("/api/admin/approval-requests", { token })).status).toBe(200);
    await db.user.update({ where: { id: admin.id }, data: { role: "student" } });
    expectError(await get("/api/admin/approval-requests", { token }), 403, "forbidden");
  });

  it("/me refuses missing, malformed and expired access tokens", async () => {
    expectError(await get("/api/auth/me"), 401, "unauthenticated");
    expectError(await get("/api/auth/me", { headers: { authorization: "Basic abc" } }), 401, "token_invalid");
    expectError(await get("/api/auth/me", { token: "not.a.jwt" }), 401, "token_invalid");
    const user = await createUser();
    const token = (await tokensFor(user)).access_token;
    expectError(await get("/api/auth/me", { token, headers: { "x-test-now": inSeconds(16 * 60) } }), 401, "token_expired");
  });
});
