import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortId } from "../random";
import { createHmac } from "node:crypto";
import { encodeQrToken, extractQrPayload, parseQrToken, qrKeyId, qrUrl, QR_SKEW_SECONDS, verifyQrToken } from "./token";

const SECRET = "a".repeat(64);
const OTHER = "b".repeat(64);
const ISSUED = new Date("2026-11-25T09:00:00Z");

function sample(overrides: Partial<Parameters<typeof encodeQrToken>[0]> = {}) {
  return encodeQrToken(
    { qrSessionId: "AbCdEf012345", eventId: "zZyYxX987654", nonce: Buffer.alloc(16, 7), issuedAt: ISSUED, lifetimeSeconds: 60, ...overrides },
    SECRET,
  );
}

const base62Id = fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), minLength: 12, maxLength: 12 });

describe("QR token", () => {
  it("round-trips every claim", () => {
    const nonce = randomBytes(16);
    const token = encodeQrToken({ qrSessionId: "000000000000", eventId: "zzzzzzzzzzzz", nonce, issuedAt: ISSUED, lifetimeSeconds: 60 }, SECRET);
    const result = verifyQrToken(token, SECRET, new Date(ISSUED.getTime() + 30_000));
    expect(result).toEqual({
      ok: true,
      claims: {
        qrSessionId: "000000000000",
        eventId: "zzzzzzzzzzzz",
        nonce: nonce.toString("base64url"),
        issuedAt: ISSUED,
        expiresAt: new Date(ISSUED.getTime() + 60_000),
      },
      keyId: qrKeyId(SECRET),
    });
  });

  it("keeps the scan URL within 120 characters for a typical https host", () => {
    const token = sample();
    expect(token).toMatch(/^v2\.[A-Za-z0-9_-]{4}\.[A-Za-z0-9_-]{52}\.[A-Za-z0-9_-]{22}$/);
    expect(token.length).toBe(83);
    expect(qrUrl("https://attendance.college.edu", token).length).toBeLessThanOrEqual(120);
  });

  it("round-trips random claims (property)", () => {
    fc.assert(
      fc.property(base62Id, base62Id, fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 255 }), (sid, eid, nonce, secs, life) => {
        const issuedAt = new Date(secs * 1000);
        const token = encodeQrToken({ qrSessionId: sid, eventId: eid, nonce: Buffer.from(nonce), issuedAt, lifetimeSeconds: life }, SECRET);
        const result = verifyQrToken(token, SECRET, issuedAt);
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.claims.qrSessionId).toBe(sid);
          expect(result.claims.eventId).toBe(eid);
          expect(result.claims.nonce).toBe(Buffer.from(nonce).toString("base64url"));
          expect(result.claims.expiresAt.getTime() - issuedAt.getTime()).toBe(life * 1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rejects every single-character change anywhere in the token", () => {
    const token = sample();
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.v";
    const now = new Date(ISSUED.getTime() + 1000);
    let checked = 0;
    for (let i = 0; i < token.length; i++) {
      for (const ch of alphabet) {
        if (ch === token[i]) continue;
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        const result = verifyQrToken(tampered, SECRET, now);
        expect(result.ok, `position ${i} → ${ch}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(token.length * 60);
  });

  it("rejects every flipped bit of the decoded claims and MAC", () => {
    const token = sample();
    const [v, kid, claims, mac] = token.split(".") as [string, string, string, string];
    const now = new Date(ISSUED.getTime() + 1000);
    for (const part of ["claims", "mac"] as const) {
      const bytes = Buffer.from(part === "claims" ? claims : mac, "base64url");
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        const copy = Buffer.from(bytes);
        copy[bit >> 3]! ^= 1 << (bit & 7);
        const t = part === "claims" ? `${v}.${kid}.${copy.toString("base64url")}.${mac}` : `${v}.${kid}.${claims}.${copy.toString("base64url")}`;
        const result = verifyQrToken(t, SECRET, now);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(["malformed", "bad_signature"]).toContain(result.reason);
      }
    }
  });

  it("rejects a token signed with another secret", () => {
    const token = encodeQrToken({ qrSessionId: "AbCdEf012345", eventId: "zZyYxX987654", nonce: randomBytes(16), issuedAt: ISSUED, lifetimeSeconds: 60 }, OTHER);
    expect(verifyQrToken(token, SECRET, ISSUED)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("expires after expires-at plus the skew allowance, not before", () => {
    const token = sample({ lifetimeSeconds: 60 });
    const at = (s: number) => new Date(ISSUED.getTime() + s * 1000);
    expect(verifyQrToken(token, SECRET, at(60)).ok).toBe(true);
    expect(verifyQrToken(token, SECRET, at(60 + QR_SKEW_SECONDS)).ok).toBe(true);
    expect(verifyQrToken(token, SECRET, at(60 + QR_SKEW_SECONDS + 1))).toEqual({ ok: false, reason: "expired" });
    expect(verifyQrToken(token, SECRET, at(-QR_SKEW_SECONDS)).ok).toBe(true);
    expect(verifyQrToken(token, SECRET, at(-QR_SKEW_SECONDS - 1))).toEqual({ ok: false, reason: "not_yet_valid" });
  });

  it("checks the signature before the expiry (an expired forgery is a bad signature)", () => {
    const forged = encodeQrToken({ qrSessionId: "AbCdEf012345", eventId: "zZyYxX987654", nonce: randomBytes(16), issuedAt: ISSUED, lifetimeSeconds: 60 }, OTHER);
    expect(verifyQrToken(forged, SECRET, new Date(ISSUED.getTime() + 3600_000))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses other versions, even with a valid MAC over the rest", () => {
    const token = sample();
    expect(verifyQrToken(token.replace(/^v2/, "v3"), SECRET, ISSUED)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyQrToken(token.replace(/^v2/, "V2"), SECRET, ISSUED)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyQrToken(token.replace(/^v2/, "v1"), SECRET, ISSUED)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyQrToken(token.slice(3), SECRET, ISSUED)).toEqual({ ok: false, reason: "malformed" });
  });

  it("never throws and never accepts arbitrary text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = verifyQrToken(text, SECRET, ISSUED);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 60 }), fc.uint8Array({ minLength: 0, maxLength: 20 }), (c, m) => {
        const text = `v1.${Buffer.from(c).toString("base64url")}.${Buffer.from(m).toString("base64url")}`;
        expect(verifyQrToken(text, SECRET, ISSUED).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses structurally valid random claims but the MAC still decides (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 39, maxLength: 39 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (c, m) => {
        const text = `v1.${Buffer.from(c).toString("base64url")}.${Buffer.from(m).toString("base64url")}`;
        const parsed = parseQrToken(text);
        const result = verifyQrToken(text, SECRET, parsed?.claims.issuedAt ?? ISSUED);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toBe(parsed ? "bad_signature" : "malformed");
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects non-canonical base64url spellings of the same bytes", () => {
    const token = sample();
    // the MAC's last character carries 4 unused bits; flipping them keeps the bytes
    const last = token.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const idx = alphabet.indexOf(last);
    const sibling = alphabet[idx ^ 1]!;
    const variant = token.slice(0, -1) + sibling;
    expect(Buffer.from(variant.split(".")[3]!, "base64url")).toEqual(Buffer.from(token.split(".")[3]!, "base64url"));
    expect(verifyQrToken(variant, SECRET, ISSUED)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses to encode ids that shortId cannot produce", () => {
    expect(() => sample({ qrSessionId: "short" })).toThrow();
    expect(() => sample({ eventId: "has-a-dash!!" })).toThrow();
    expect(() => sample({ nonce: Buffer.alloc(8) })).toThrow();
    expect(() => sample({ lifetimeSeconds: 0 })).toThrow();
  });

  it("works with real shortIds", () => {
    for (let i = 0; i < 50; i++) {
      const t = sample({ qrSessionId: shortId(), eventId: shortId() });
      expect(verifyQrToken(t, SECRET, ISSUED).ok).toBe(true);
    }
  });

  it("extracts the payload from a bare token or a scan URL", () => {
    const token = sample();
    expect(extractQrPayload(token)).toBe(token);
    expect(extractQrPayload(`  ${token}\n`)).toBe(token);
    expect(extractQrPayload(qrUrl("https://rc.example.edu/", token))).toBe(token);
    expect(extractQrPayload(`https://rc.example.edu/s/${token}/`)).toBe(token);
    expect(extractQrPayload("https://rc.example.edu/other")).toBe("https://rc.example.edu/other");
    expect(extractQrPayload("http://%zz")).toBe("http://%zz");
  });

  describe("key ids and the keyring (rotation)", () => {
    const at = (s: number) => new Date(ISSUED.getTime() + s * 1000);
    const secretArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex"));

    it("names the signing secret in the payload without revealing it", () => {
      expect(qrKeyId(SECRET)).toMatch(/^[A-Za-z0-9_-]{4}$/);
      expect(qrKeyId(SECRET)).not.toBe(qrKeyId(OTHER));
      expect(sample().split(".")[1]).toBe(qrKeyId(SECRET));
    });

    it("a code verifies under a keyring exactly when the keyring holds its secret (property)", () => {
      fc.assert(
        fc.property(secretArb, secretArb, secretArb, fc.boolean(), (signer, a, b, holds) => {
          fc.pre(new Set([signer, a, b]).size === 3);
          const token = encodeQrToken({ qrSessionId: "AbCdEf012345", eventId: "zZyYxX987654", nonce: Buffer.alloc(16, 1), issuedAt: ISSUED, lifetimeSeconds: 60 }, signer);
          const keyring = holds ? { current: a, previous: signer } : { current: a, previous: b };
          const result = verifyQrToken(token, keyring, at(1));
          expect(result.ok).toBe(holds);
          if (result.ok) expect(result.keyId).toBe(qrKeyId(signer));
        }),
        { numRuns: 200 },
      );
    });

    it("accepts the previous secret only until previousUntil; the current one always", () => {
      const old = sample();
      const fresh = encodeQrToken({ qrSessionId: "AbCdEf012345", eventId: "zZyYxX987654", nonce: Buffer.alloc(16, 7), issuedAt: ISSUED, lifetimeSeconds: 60 }, OTHER);
      const keyring = { current: OTHER, previous: SECRET, previousUntil: at(30) };
      expect(verifyQrToken(old, keyring, at(30))).toMatchObject({ ok: true, keyId: qrKeyId(SECRET) });
      expect(verifyQrToken(old, keyring, at(31))).toEqual({ ok: false, reason: "retired_key" });
      expect(verifyQrToken(fresh, keyring, at(31))).toMatchObject({ ok: true, keyId: qrKeyId(OTHER) });
      expect(verifyQrToken(old, { current: OTHER }, at(1))).toEqual({ ok: false, reason: "bad_signature" });
    });

    it("a key id naming another secret fails even when the MAC is right for the text", () => {
      const token = sample();
      const [v, , claims] = token.split(".");
      const lying = `${v}.${qrKeyId(OTHER)}.${claims}`;
      const forged = `${lying}.${createHmac("sha256", SECRET).update(lying).digest().subarray(0, 16).toString("base64url")}`;
      expect(verifyQrToken(forged, { current: OTHER, previous: SECRET }, at(1))).toEqual({ ok: false, reason: "bad_signature" });
    });

    it("still reads version 1 payloads (no key id) under any secret of the keyring", () => {
      const [, , claims] = sample().split(".");
      const signed = `v1.${claims}`;
      const legacy = `${signed}.${createHmac("sha256", SECRET).update(signed).digest().subarray(0, 16).toString("base64url")}`;
      expect(verifyQrToken(legacy, { current: OTHER, previous: SECRET }, at(1))).toMatchObject({ ok: true, keyId: qrKeyId(SECRET) });
      expect(verifyQrToken(legacy, OTHER, at(1))).toEqual({ ok: false, reason: "bad_signature" });
    });

    it("refuses version 1 payloads when the keyring does not accept them (QR_ACCEPT_V1=false), before any MAC work", () => {
      const [, , claims] = sample().split(".");
      const signed = `v1.${claims}`;
      const legacy = `${signed}.${createHmac("sha256", SECRET).update(signed).digest().subarray(0, 16).toString("base64url")}`;
      expect(verifyQrToken(legacy, { current: SECRET, acceptV1: false }, at(1))).toEqual({ ok: false, reason: "legacy_version" });
      expect(verifyQrToken(legacy, { current: SECRET, acceptV1: true }, at(1))).toMatchObject({ ok: true });
      // v2 payloads are unaffected
      expect(verifyQrToken(sample(), { current: SECRET, acceptV1: false }, at(1))).toMatchObject({ ok: true });
    });
  });
});
