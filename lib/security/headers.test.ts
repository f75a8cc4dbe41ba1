import { describe, expect, it } from "vitest";
import { baselineHeaders, corsFor, newNonce, pageCsp } from "./headers";

describe("security headers", () => {
  it("builds a nonce CSP without unsafe-inline scripts and with frame-ancestors 'none'", () => {
    const csp = pageCsp({ nonce: "abc", dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(pageCsp({ nonce: "n", dev: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
  });

  it("sends HSTS only for an https APP_URL", () => {
    expect(baselineHeaders({ APP_URL: "http://localhost:3000" })["strict-transport-security"]).toBeUndefined();
    expect(baselineHeaders({ APP_URL: "https://rollcall.example.edu" })["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(baselineHeaders({ APP_URL: "http://x" })).toMatchObject({ "x-content-type-options": "nosniff", "permissions-policy": expect.stringContaining("camera=(self)") });
  });

  it("allows CORS only on /api/* for listed origins, preflight included", () => {
    const allowed = ["https://app.example.edu"];
    expect(corsFor("/api/x", "GET", "https://app.example.edu", undefined, allowed)).toEqual({
      preflight: false,
      headers: expect.objectContaining({ "access-control-allow-origin": "https://app.example.edu", vary: "Origin" }),
    });
    const pre = corsFor("/api/x", "OPTIONS", "https://app.example.edu", "POST", allowed);
    expect(pre.preflight).toBe(true);
    expect(pre.headers["access-control-allow-headers"]).toContain("authorization");
    expect(corsFor("/api/x", "GET", "https://evil.example", undefined, allowed).headers["access-control-allow-origin"]).toBeUndefined();
    expect(corsFor("/api/x", "OPTIONS", "https://evil.example", "POST", allowed).preflight).toBe(false);
    expect(corsFor("/admin", "GET", "https://app.example.edu", undefined, allowed)).toEqual({ headers: {}, preflight: false });
    expect(corsFor("/api/x", "GET", "null", undefined, allowed).headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
