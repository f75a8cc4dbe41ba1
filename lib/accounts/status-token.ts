// The waiting page's credential: an opaque token handed out at signup that lets its holder
// read the status of that one approval request, and nothing else. HMAC-signed under a key
// derived from SECRET_KEY; no I/O.
import { createHmac, timingSafeEqual } from "node:crypto";

const PURPOSE = "rollcall:signup-status:v1";

const keys = new Map<string, Buffer>();
/** A key of its own, derived from SECRET_KEY: these MACs never share a key with the JWTs. */
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac("sha256", secret).update(PURPOSE).digest()));
  return key;
}

function mac(requestId: string, secret: string): Buffer {
  return createHmac("sha256", keyFor(secret)).update(requestId).digest();
}

export function signStatusToken(requestId: string, secret: string): string {
  return `${Buffer.from(requestId, "utf8").toString("base64url")}.${mac(requestId, secret).toString("base64url")}`;
}

/** The approval request id the token names, or null when it is not one of ours. */
export function verifyStatusToken(token: string, secret: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,80})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const requestId = Buffer.from(m[1]!, "base64url").toString("utf8");
  const given = Buffer.from(m[2]!, "base64url");
  const expected = mac(requestId, secret);
  // constant-time compare: a plain === leaks the MAC byte by byte
  return given.length === expected.length && timingSafeEqual(given, expected) ? requestId : null;
}
