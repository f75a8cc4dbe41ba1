// A compromise rotation while codes are being issued (lib/qr/signing-keys.ts, assertKeyUsable):
// 30 issues in parallel with `secrets:rotate-qr --compromise`'s use case. Every code signed with
// the old key is either refused (qr_key_revoked) or revoked with it; none stays usable. On a
// database of its own (a compromise revokes every live code).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { rotateQrSigningSecret } from "@/lib/ops/rotate-qr-secret";
import { issueQrSession } from "@/lib/qr/issue-qr-session";
import { qrKeyId } from "@/lib/qr/token";
import { testCtx } from "../support/db";
import { createTestDatabase, type TestDatabase } from "../support/test-server";

const provider = inject("provider");
let database: TestDatabase;
let db: Db;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-compromise-"));
  database = await createTestDatabase(provider, "compromise");
  db = await createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`QR key compromise during issuing (${provider})`, () => {
  it("30 parallel issues and a compromise revocation: no old-key code stays usable", async () => {
    const oldSecret = randomBytes(32).toString("hex");
    const base = await testCtx();
    const ctx = await testCtx({ db, config: { ...base.config, DATABASE_URL: database.url, QR_SIGNING_SECRET: oldSecret, QR_SIGNING_SECRET_PREVIOUS: undefined } });
    const admin = await db.user.create({ data: { email: `admin.${randomBytes(4).toString("hex")}@example.edu`, fullName: "Race Admin", passwordHash: "x", role: "admin", status: "active" } });
    const now = Date.now();
    const event = await db.event.create({ data: { id: `ev${randomBytes(5).toString("hex")}`, title: "Race", startsAt: new Date(now - 60_000), endsAt: new Date(now + 3600_000) } });
    await issueQrSession(ctx, admin.id, event.id); // the key row exists, as on a running instance
    const envFile = path.join(dir, "rollcall.env");
    fs.writeFileSync(envFile, `QR_SIGNING_SECRET=${oldSecret}\n`);

    const issues = Array.from({ length: 30 }, () => issueQrSession(ctx, admin.id, event.id).then(() => "issued", (e: unknown) => (isAppError(e) ? e.code : String(e))));
    const rotation = rotateQrSigningSecret(ctx, envFile, "compromise");
    const outcomes = await Promise.all(issues);
    await rotation;

    expect(outcomes.every((o) => o === "issued" || o === "qr_key_revoked")).toBe(true);
    const live = await db.qrSession.count({ where: { keyId: qrKeyId(oldSecret), revokedAt: null } });
    expect(live).toBe(0);
    // after the revocation this instance refuses to issue with the old key
    await expect(issueQrSession(ctx, admin.id, event.id)).rejects.toMatchObject({ code: "qr_key_revoked" });
  }, 60_000);
});
