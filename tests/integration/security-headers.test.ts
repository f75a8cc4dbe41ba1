// Security headers and CORS over real HTTP, plus scheduled backups: this file runs its own
// server with CORS_ORIGINS, an https APP_URL (for HSTS) and BACKUP_DIR set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { get, request } from "../support/api";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

const ALLOWED = "https://app.example.edu";
let database: TestDatabase;
let server: TestServer;
let db: Db;
let backupDir: string;

beforeAll(async () => {
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-backups-"));
  database = await createTestDatabase(inject("provider"), "headers");
  server = await startServer(database.url, {
    CORS_ORIGINS: `${ALLOWED}, https://other.example.edu`,
    APP_URL: "https://rollcall.example.edu",
    BACKUP_DIR: backupDir,
    BACKUP_INTERVAL_HOURS: "1",
    BACKUP_KEEP: "2",
  });
  db = await createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
  fs.rmSync(backupDir, { recursive: true, force: true });
});

const at = (p: string) => new URL(p, server.url).toString();
const cspOf = (h: Record<string, unknown>) => String(h["content-security-policy"] ?? "");

describe(`security headers (${inject("provider")})`, () => {
  it("pages carry a nonce CSP that Next applies to its own scripts", async () => {
    const res = await request("GET", at("/"));
    expect(res.status).toBe(200);
    const csp = cspOf(res.headers);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
    const scripts = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await request("GET", at("/"));
    expect(cspOf(again.headers)).not.toBe(csp); // a fresh nonce per response
  });

  it("every response has the baseline headers; HSTS when APP_URL is https", async () => {
    for (const p of ["/", "/api/health", "/api/no-such-endpoint", "/icon.svg"]) {
      const res = await request("GET", at(p));
      expect(res.headers["x-content-type-options"], p).toBe("nosniff");
      expect(res.headers["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
      expect(res.headers["permissions-policy"], p).toContain("camera=(self)");
      expect(res.headers["permissions-policy"], p).toContain("microphone=()");
      expect(res.headers["x-frame-options"], p).toBe("DENY");
      expect(res.headers["strict-transport-security"], p).toMatch(/max-age=\d+/);
    }
    const api = await request("GET", at("/api/health"));
    expect(cspOf(api.headers)).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("no HSTS when APP_URL is plain http (the shared test server)", async () => {
    const res = await get("/api/health");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe(`CORS (${inject("provider")})`, () => {
  it("allows listed origins on /api/*", async () => {
    const res = await request("GET", at("/api/health"), { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(res.headers.vary).toContain("Origin");
  });

  it("answers an allowed preflight with 204 and the allowed methods and headers", async () => {
    const res = await request("OPTIONS", at("/api/admin/users/abc"), {
      headers: { origin: ALLOWED, "access-control-request-method": "PATCH", "access-control-request-headers": "authorization, content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(res.headers["access-control-allow-methods"]).toContain("PATCH");
    expect(res.headers["access-control-allow-headers"]).toContain("authorization");
    expect(res.headers["access-control-max-age"]).toBe("600");
  });

  it("gives other origins nothing, and pages never get CORS", async () => {
    const evil = await request("GET", at("/api/health"), { headers: { origin: "https://evil.example.com" } });
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await request("OPTIONS", at("/api/health"), { headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" } });
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    const page = await request("GET", at("/"), { headers: { origin: ALLOWED } });
    expect(page.headers["access-control-allow-origin"]).toBeUndefined();
    const shared = await get("/api/health", { headers: { origin: ALLOWED } }); // server without CORS_ORIGINS
    expect(shared.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe(`scheduled backups (${inject("provider")})`, () => {
  it("the server takes and verifies a backup on its own when BACKUP_DIR is set", async () => {
    let run = null;
    for (let i = 0; i < 120 && !run; i++) {
      run = await db.backupRun.findFirst({ where: { finishedAt: { not: null } } });
      if (!run) await new Promise((r) => setTimeout(r, 250));
    }
    expect(run).toMatchObject({ ok: true, error: null });
    expect(fs.existsSync(run!.file!)).toBe(true);
    expect(path.dirname(run!.file!)).toBe(fs.realpathSync(backupDir));
    expect(run!.sizeBytes).toBeGreaterThan(0);
    expect(await db.auditLog.count({ where: { action: "backup_taken", targetId: run!.id } })).toBe(1);
  });
});
