// The QR payload: `v2.<key id>.<base64url claims>.<base64url mac>`. Pure: no I/O, no clock, no config.
// Claims are packed in binary so the whole URL stays short (docs/design.md#qr-codes):
//   qr-session id  9 bytes  (12 base62 chars from shortId, as a big-endian integer)
//   event id       9 bytes  (same)
//   nonce         16 bytes  (128 random bits)
//   issued-at      4 bytes  (u32, Unix seconds)
//   lifetime       1 byte   (seconds; expires-at = issued-at + lifetime)
// The MAC is HMAC-SHA256 under QR_SIGNING_SECRET over the ASCII text "v2.<key id>.<claims>",
// truncated to 128 bits. All base64url parts must be canonical, so no two strings verify
// for the same bytes. The key id (3 bytes, derived from the secret, never revealing it) names
// the secret that signed, so a routine rotation can accept the previous secret for a while
// (QR_SIGNING_SECRET_PREVIOUS, docs/deployment.md#rotating-the-qr-signing-secret). Version 1
// payloads (no key id) are read only when the keyring says so (QR_ACCEPT_V1, off by default):
// then any secret of the keyring may verify them.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TOKEN_VERSION = "v2";
const LEGACY_VERSION = "v1";
/** Accepted clock difference between the projector's server time and ours (multi-instance). */
export const QR_SKEW_SECONDS = 5;

const ID_LENGTH = 12;
const ID_BYTES = 9; // 62^12 < 2^72
const NONCE_BYTES = 16;
const MAC_BYTES = 16;
const KEY_ID_BYTES = 3;
const CLAIMS_BYTES = ID_BYTES * 2 + NONCE_BYTES + 4 + 1;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_MAX = 62n ** BigInt(ID_LENGTH);
const ID_PATTERN = /^[0-9A-Za-z]{12}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

export interface QrClaims {
  qrSessionId: string;
  eventId: string;
  /** 16 bytes as base64url (22 characters): the value stored in qr_sessions.nonce */
  nonce: string;
  /** whole seconds */
  issuedAt: Date;
  expiresAt: Date;
}

/** The secrets this instance verifies with: the one it signs with, and during a routine rotation the previous one. */
export interface QrKeyring {
  current: string;
  previous?: string;
  /** the previous secret verifies only up to this time (one code lifetime after the current one came into use) */
  previousUntil?: Date;
  /** false: version 1 payloads (no key id) are refused as "legacy_version" (QR_ACCEPT_V1) */
  acceptV1?: boolean;
}

/** "retired_key": signed with the previous secret after its acceptance window closed; "legacy_version": a v1 payload the keyring no longer accepts. */
export type VerifyFailure = "malformed" | "bad_signature" | "retired_key" | "legacy_version" | "expired" | "not_yet_valid";
/** `keyId`: the id of the secret that verified the MAC. */
export type VerifyResult = { ok: true; claims: QrClaims; keyId: string } | { ok: false; reason: VerifyFailure };

/** The public id of a signing secret: 3 bytes of an HMAC under it (4 base64url characters). */
export function qrKeyId(secret: string): string {
  return createHmac("sha256", secret).update("rollcall:qr-key-id").digest().subarray(0, KEY_ID_BYTES).toString("base64url");
}

function idToBytes(id: string): Buffer {
  if (!ID_PATTERN.test(id)) throw new Error(`QR ids must be ${ID_LENGTH} base62 characters`);
  let n = 0n;
  for (const ch of id) n = n * 62n + BigInt(BASE62.indexOf(ch));
  const out = Buffer.alloc(ID_BYTES);
  for (let i = ID_BYTES - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

function bytesToId(bytes: Buffer): string | null {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  if (n >= ID_MAX) return null; // a value shortId cannot produce
  let out = "";
  for (let i = 0; i < ID_LENGTH; i++, n /= 62n) out = BASE62[Number(n % 62n)] + out;
  return out;
}

function mac(signedText: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(signedText).digest().subarray(0, MAC_BYTES);
}

/** base64url → bytes, or null unless the text is the canonical encoding of exactly `length` bytes. */
function decodeCanonical(text: string, length: number): Buffer | null {
  if (!B64URL.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  if (bytes.length !== length || bytes.toString("base64url") !== text) return null;
  return bytes;
}

export interface EncodeInput {
  qrSessionId: string;
  eventId: string;
  /** 16 raw bytes */
  nonce: Buffer;
  issuedAt: Date;
  lifetimeSeconds: number;
}

export function encodeQrToken(input: EncodeInput, secret: string): string {
  if (input.nonce.length !== NONCE_BYTES) throw new Error(`the nonce must be ${NONCE_BYTES} bytes`);
  const lifetime = input.lifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 255) throw new Error("lifetime must be 1..255 seconds");
  const issued = Math.floor(input.issuedAt.getTime() / 1000);
  if (issued < 0 || issued > 0xffffffff) throw new Error("issued-at out of range");
  const claims = Buffer.alloc(CLAIMS_BYTES);
  idToBytes(input.qrSessionId).copy(claims, 0);
  idToBytes(input.eventId).copy(claims, ID_BYTES);
  input.nonce.copy(claims, ID_BYTES * 2);
  claims.writeUInt32BE(issued, ID_BYTES * 2 + NONCE_BYTES);
  claims.writeUInt8(lifetime, ID_BYTES * 2 + NONCE_BYTES + 4);
  const signed = `${TOKEN_VERSION}.${qrKeyId(secret)}.${claims.toString("base64url")}`;
  return `${signed}.${mac(signed, secret).toString("base64url")}`;
}

/** Parse without checking the MAC (for diagnostics and the property tests); null when malformed. */
export function parseQrToken(token: string): { claims: QrClaims; keyId: string | null; signed: string; mac: Buffer } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  let keyId: string | null = null;
  if (parts.length === 4 && parts[0] === TOKEN_VERSION) {
    if (!decodeCanonical(parts[1]!, KEY_ID_BYTES)) return null;
    keyId = parts.splice(1, 1)[0]!;
  } else if (parts.length !== 3 || parts[0] !== LEGACY_VERSION) {
    return null;
  }
  const claimBytes = decodeCanonical(parts[1]!, CLAIMS_BYTES);
  const macBytes = decodeCanonical(parts[2]!, MAC_BYTES);
  if (!claimBytes || !macBytes) return null;
  const qrSessionId = bytesToId(claimBytes.subarray(0, ID_BYTES));
  const eventId = bytesToId(claimBytes.subarray(ID_BYTES, ID_BYTES * 2));
  const lifetime = claimBytes.readUInt8(ID_BYTES * 2 + NONCE_BYTES + 4);
  if (!qrSessionId || !eventId || lifetime === 0) return null;
  const issuedSeconds = claimBytes.readUInt32BE(ID_BYTES * 2 + NONCE_BYTES);
  return {
    claims: {
      qrSessionId,
      eventId,
      nonce: claimBytes.subarray(ID_BYTES * 2, ID_BYTES * 2 + NONCE_BYTES).toString("base64url"),
      issuedAt: new Date(issuedSeconds * 1000),
      expiresAt: new Date((issuedSeconds + lifetime) * 1000),
    },
    keyId,
    signed: keyId === null ? `${parts[0]}.${parts[1]}` : `${parts[0]}.${keyId}.${parts[1]}`,
    mac: macBytes,
  };
}

/**
 * Verify in docs/design.md#scanning's order: parse (malformed), constant-time MAC under the
 * keyring's secret the key id names (bad_signature; retired_key for the previous secret after
 * its window), then time with a skew allowance (expired / not_yet_valid).
 */
export function verifyQrToken(token: string, keys: string | QrKeyring, now: Date, skewSeconds = QR_SKEW_SECONDS): VerifyResult {
  const parsed = parseQrToken(token);
  if (!parsed) return { ok: false, reason: "malformed" };
  const keyring: QrKeyring = typeof keys === "string" ? { current: keys } : keys;
  if (parsed.keyId === null && keyring.acceptV1 === false) return { ok: false, reason: "legacy_version" };
  const secrets = keyring.previous === undefined ? [keyring.current] : [keyring.current, keyring.previous];
  // constant-time compare: a plain === (or Buffer.equals) leaks how many leading MAC bytes match
  const signer = secrets.find((secret) => (parsed.keyId === null || parsed.keyId === qrKeyId(secret)) && timingSafeEqual(parsed.mac, mac(parsed.signed, secret)));
  if (signer === undefined) return { ok: false, reason: "bad_signature" };
  const t = now.getTime();
  if (signer !== keyring.current && keyring.previousUntil && t > keyring.previousUntil.getTime()) return { ok: false, reason: "retired_key" };
  const skew = skewSeconds * 1000;
  if (t > parsed.claims.expiresAt.getTime() + skew) return { ok: false, reason: "expired" };
  if (t < parsed.claims.issuedAt.getTime() - skew) return { ok: false, reason: "not_yet_valid" };
  return { ok: true, claims: parsed.claims, keyId: qrKeyId(signer) };
}

/** The scan URL a QR code encodes; a phone's camera app opens it directly. */
export function qrUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, "")}/s/${token}`;
}

/**
 * Accept what a scanner produced: the bare payload, or a URL whose path ends in /s/<payload>
 * (any host: the MAC, not the host, decides). Returns the candidate payload text.
 */
export function extractQrPayload(scanned: string): string {
  const text = scanned.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    const m = /\/s\/([^/]+)\/?$/.exec(url.pathname);
    return m ? decodeURIComponent(m[1]!) : text;
  } catch {
    return text;
  }
}
