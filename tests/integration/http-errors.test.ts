// The one error shape over real HTTP: malformed JSON, wrong content type, oversized body,
// unknown fields — all 4xx with a machine-readable code, never a 500, nothing written.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, request } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken } from "../support/factories";

describe(`HTTP error handling (${inject("provider")})`, () => {
  it("rejects malformed JSON with 400 invalid_json", async () => {
    const res = await request("POST", "/api/auth/login", { raw: '{"email": "a@b.c", ', headers: { "content-type": "application/json" } });
    expectError(res, 400, "invalid_json");
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("rejects a non-JSON content type with 415", async () => {
    const res = await request("POST", "/api/auth/login", { raw: "email=a@b.c&password=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectError(res, 415, "unsupported_media_type");
  });

  it("rejects an oversized body with 413 and writes nothing", async () => {
    const email = uniqueEmail("huge");
    const res = await request("POST", "/api/auth/signup", {
      json: { email, password: "Blue-Kettle-42-Sings", full_name: "x".repeat(200_000) },
    });
    expectError(res, 413, "payload_too_large");
    const db = await testDb();
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("lists every invalid field with a path and rejects unknown ones", async () => {
    const res = await request("POST", "/api/auth/login", { json: { email: 42, extra: true } });
    const error = expectError(res, 400, "validation_failed");
    const paths = (error.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["body", "body.email", "body.password"]);
  });

  it("never leaks a stack trace", async () => {
    const res = await request("POST", "/api/auth/login", { raw: "\u0000\u0001garbage", headers: { "content-type": "application/json" } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});

// Inputs the hostile review's fuzzing turned into 500s (issue 9 item 10): each has its own answer.
describe(`never a 500 (${inject("provider")})`, () => {
  const cursorOf = (time: string) => Buffer.from(JSON.stringify([time, "x"])).toString("base64url");

  it("a pagination cursor with a year past 9999 is 400 validation_failed", async () => {
    const { token } = await createAdminWithToken();
    for (const path of ["/api/admin/audit-logs", "/api/admin/users", "/api/notifications"]) {
      for (const time of ["+010000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z"]) {
        expectError(await get(`${path}?cursor=${cursorOf(time)}`, { token }), 400, "validation_failed");
      }
      // a cursor this API wrote still works
      expect((await get(`${path}?cursor=${cursorOf("2026-01-01T00:00:00.000Z")}`, { token })).status).toBe(200);
    }
  });

  it("/s/ with a malformed percent-encoding goes to the friendly 'not a Rollcall code' page", async () => {
    for (const path of ["/s/%25", "/s/%", "/s/%E0%A4%A", "/s/abc%zz", "/s/%C0%AF"]) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toBe("/scan/result?error=qr_malformed");
    }
    const page = await get("/scan/result?error=qr_malformed");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Not a Rollcall code");
  });

  it("unknown paths under next-auth's catch-all are a JSON 404", async () => {
    for (const [method, path] of [["POST", "/api/auth/0"], ["GET", "/api/auth/0"], ["POST", "/api/auth/csrf"], ["POST", "/api/auth/callback/github"], ["GET", "/api/auth/session/x"]] as const) {
      expectError(await request(method, path, { raw: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } }), 404, "not_found");
    }
    // next-auth's own endpoints still answer
    expect((await get("/api/auth/csrf")).body.csrfToken).toEqual(expect.any(String));
  });

  it("an unknown /api/ path is a JSON 404 not_found for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/nope", "/api/events/x/y/z", "/api/admin", "/api/x%zz", "/api/events/%E0%A4%A"]) {
        const res = await request(method, path);
        expectError(res, 404, "not_found");
        expect(res.headers["content-type"], `${method} ${path}`).toMatch(/^application\/json/);
      }
    }
  });

  it("a wrong method is a JSON 405 method_not_allowed with an Allow header", async () => {
    const cases = [
      ["DELETE", "/api/attendance/mark", "POST, OPTIONS"],
      ["GET", "/api/auth/login", "POST, OPTIONS"],
      ["PUT", "/api/events/some-id", "GET, PATCH, DELETE, HEAD, OPTIONS"],
      ["PATCH", "/api/health", "GET, HEAD, OPTIONS"],
    ] as const;
    for (const [method, path, allow] of cases) {
      const res = await request(method, path);
      expectError(res, 405, "method_not_allowed");
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
  });
});
