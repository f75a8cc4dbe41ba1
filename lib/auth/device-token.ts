// Trusted-device tokens (OWASP's "device cookie" against lockout abuse). A client that has signed
// in to an account successfully holds a token bound to that account: `d1.<id>.<expiry>.<mac>`,
// the MAC (HMAC-SHA256 under SECRET_KEY, domain-separated) covering the normalised email, the
// random device id and the expiry. Its attempts count against its own key in login_throttles,
// so the lockout that guesses from untrusted clients cause never blocks it. Nothing is stored:
// a token is valid for the account it was issued for until it expires. No I/O here.
import { createHmac, timingSafeEqual } from "node:crypto";
import { addDays } from "../clock";
import type { Random } from "../random";

/** The browser's cookie: up to MAX_TOKENS tokens (one per account signed in on this browser). */
export const TRUST_COOKIE = "rc_trust";
export const DEVICE_TOKEN_DAYS = 180;
const MAX_TOKENS = 5;
const SEPARATOR = "~";
const TOKEN = /^d1\.([A-Za-z0-9_-]{16})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

export interface TrustedDevice {
  id: string;
}

function mac(email: string, id: string, expires: string, secret: string): string {
  return createHmac("sha256", secret).update(`rollcall-device.${email}.${id}.${expires}`).digest().subarray(0, 16).toString("base64url");
}

export function newDeviceTokenId(random: Random): string {
  return random.bytes(12).toString("base64url");
}

/** A token for `email` (normalised) on device `id`, valid DEVICE_TOKEN_DAYS from `now`. */
export function signDeviceToken(email: string, id: string, now: Date, secret: string): string {
  const expires = Math.floor(addDays(now, DEVICE_TOKEN_DAYS).getTime() / 1000).toString(36);
  return `d1.${id}.${expires}.${mac(email, id, expires, secret)}`;
}

/** The device a token names, when it was issued for `email` and has not expired; else null. */
export function verifyDeviceToken(token: string, email: string, secret: string, now: Date): TrustedDevice | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, id, expires, given] = m as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(email, id, expires, secret));
  if (!timingSafeEqual(Buffer.from(given), expected)) return null; // both 22 characters (regex)
  if (parseInt(expires, 36) * 1000 <= now.getTime()) return null;
  return { id };
}

/** The first of `tokens` that vouches for `email`. */
export function trustedDeviceFor(tokens: readonly string[], email: string, secret: string, now: Date): TrustedDevice | null {
  for (const token of tokens.slice(0, MAX_TOKENS)) {
    const device = verifyDeviceToken(token, email, secret, now);
    if (device) return device;
  }
  return null;
}

export function parseTrustCookie(value: string | undefined | null): string[] {
  if (!value) return [];
  return value.split(SEPARATOR).filter((t) => TOKEN.test(t)).slice(0, MAX_TOKENS);
}

/** The cookie after a sign-in to `email`: its new token first, other accounts' valid tokens kept. */
export function trustCookieWith(previous: readonly string[], token: string, email: string, secret: string, now: Date): string {
  const others = previous.filter((t) => TOKEN.test(t) && !verifyDeviceToken(t, email, secret, now));
  return [token, ...others].slice(0, MAX_TOKENS).join(SEPARATOR);
}
