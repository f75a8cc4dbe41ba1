// The one error shape over real HTTP: malformed JSON, wrong content type, oversized body,
// unknown fields — all 4xx with a machine-readable code, never a 500, nothing written.
import { describe, expect, inject, it } from "vitest";
import { expectError, request } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";

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
