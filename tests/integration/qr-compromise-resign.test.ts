// Issue 21, item 4: after a compromise rotation the old secret could still mark until restart.
// An expired code re-signed with the leaked secret and a fresh issued-at was accepted (v2 and v1):
// the mark path trusted the signed expiry, and the rotation revoked only codes from the last
// five minutes. Now the mark path checks the stored expiry and revocation, the rotation revokes
// every code of the revoked key whatever its age, and v1 codes are refused (QR_ACCEPT_V1=false,
// the default). Own database and server: the rotation revokes every code of the old key.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession, issueTokenPair } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { rotateQrSigningSecret } from "@/lib/ops/rotate-qr-secret";
import { encodeQrToken, parseQrToken, qrKeyId } from "@/lib/qr/token";
import { expectError, request, uniqueIp } from "../support/api";
import { uniqueEmail } from "../support/db";
import { ctxFor } from "../support/own-server-ctx";
import { createTestDatabase, startServer, type TestDatabase, type TestServer } from "../support/test-server";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let ctx: Ctx;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-resign-"));
  database = await createTestDatabase(inject("provider"), "resign");
  server = await startServer(database.url); // QR_ACCEPT_V1 unset: the default, false
  ctx = await ctxFor(database.url, server.env);
  db = ctx.db;
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tokenFor(role: "admin" | "student") {
  const user = await db.user.create({ data: { email: uniqueEmail(role), fullName: `Resign ${role}`, passwordHash: "x", role, status: "active" } });
  const session = await createSession(ctx, db, { id: user.id, role });
  return (await issueTokenPair(ctx, db, { id: user.id, role }, session.id)).access_token;
}

const call = (method: string, p: string, token: string, json?: unknown, headers: Record<string, string> = {}) =>
  request(method, new URL(p, server.url).toString(), { token, json, headers, ip: uniqueIp() });

/** The claims of `payload`, signed again with `secret` as issued now (v2, or the legacy v1 form). */
function resign(payload: string, secret: string, version: "v1" | "v2") {
  const { claims } = parseQrToken(payload)!;
  const fresh = encodeQrToken(
    { qrSessionId: claims.qrSessionId, eventId: claims.eventId, nonce: Buffer.from(claims.nonce, "base64url"), issuedAt: new Date(), lifetimeSeconds: 60 },
    secret,
  );
  if (version === "v2") return fresh;
  const [, , body] = fresh.split(".");
  const signed = `v1.${body}`;
  return `${signed}.${createHmac("sha256", secret).update(signed).digest().subarray(0, 16).toString("base64url")}`;
}

describe(`a leaked QR secret after a compromise rotation (${inject("provider")})`, () => {
  it("an expired code re-signed with the leaked secret and a fresh issued-at is refused, before and after --compromise, before any restart", async () => {
    const leaked = server.env.QR_SIGNING_SECRET!;
    const admin = await tokenFor("admin");
    const now = Date.now();
    const created = await call("POST", "/api/events", admin, { title: "Leaked", starts_at: new Date(now - 60 * 60_000).toISOString(), ends_at: new Date(now + 60 * 60_000).toISOString() });
    expect(created.status, created.text).toBe(201);
    const event = { id: created.body.id as string };
    // a code issued ten minutes ago: long expired, and older than the five minutes the rotation used to look back
    const old = await call("POST", "/api/admin/qr-sessions", admin, { event_id: event.id }, { "x-test-now": new Date(now - 10 * 60_000).toISOString() });
    expect(old.status, old.text).toBe(201);
    const live = await call("POST", "/api/admin/qr-sessions", admin, { event_id: event.id });
    expect(live.status, live.text).toBe(201);

    const v2 = resign(old.body.qr_payload, leaked, "v2");
    const v1 = resign(old.body.qr_payload, leaked, "v1");
    // before the rotation: the stored expiry decides, not the signed one
    expectError(await call("POST", "/api/attendance/mark", await tokenFor("student"), { qr_payload: v2 }), 410, "qr_expired");
    // v1 payloads are refused outright (QR_ACCEPT_V1=false)
    expectError(await call("POST", "/api/attendance/mark", await tokenFor("student"), { qr_payload: v1 }), 410, "qr_expired");

    const envFile = path.join(dir, "rollcall.env");
    fs.writeFileSync(envFile, `QR_SIGNING_SECRET=${leaked}\n`);
    const rotated = await rotateQrSigningSecret(ctx, envFile, "compromise");
    expect(rotated.oldKeyIds).toEqual([qrKeyId(leaked)]);
    // every code of the revoked key is revoked, whatever its age
    expect(await db.qrSession.count({ where: { keyId: qrKeyId(leaked), revokedAt: null } })).toBe(0);
    expect(await db.qrSession.count({ where: { id: { in: [old.body.id, live.body.id] }, revokedAt: { not: null } } })).toBe(2);

    // the server still runs with the leaked secret (no restart yet): nothing it signed marks
    for (const payload of [v2, v1, resign(live.body.qr_payload, leaked, "v2"), live.body.qr_payload]) {
      const res = await call("POST", "/api/attendance/mark", await tokenFor("student"), { qr_payload: payload });
      expect(res.status, res.text).toBe(410);
      expect(["qr_expired", "qr_revoked"]).toContain(res.body.error.code);
    }
    expect(await db.attendanceRecord.count({ where: { eventId: event.id } })).toBe(0);
  }, 60_000);
});
