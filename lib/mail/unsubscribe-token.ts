// The credential in a notice mail's unsubscribe link: it names one user and one preference and
// lets its holder switch that one mail off, without signing in (RFC 8058 one-click). HMAC under a
// key derived from SECRET_KEY for this purpose only; it does not expire (an old mail's link must
// still work) and can do nothing but turn a notice mail off. No I/O.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isMailPreference, type MailPreference } from "./preferences";

const PURPOSE = "rollcall:mail-unsubscribe:v1";

const keys = new Map<string, Buffer>();
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createHmac("sha256", secret).update(PURPOSE).digest()));
  return key;
}

const mac = (payload: string, secret: string) => createHmac("sha256", keyFor(secret)).update(payload).digest();

export function signUnsubscribeToken(userId: string, preference: MailPreference, secret: string): string {
  const payload = `${userId}:${preference}`;
  return `${Buffer.from(payload, "utf8").toString("base64url")}.${mac(payload, secret).toString("base64url")}`;
}

/** What the token names, or null when it is not one of ours. */
export function verifyUnsubscribeToken(token: string, secret: string): { userId: string; preference: MailPreference } | null {
  const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const payload = Buffer.from(m[1]!, "base64url").toString("utf8");
  const given = Buffer.from(m[2]!, "base64url");
  const expected = mac(payload, secret);
  // constant-time compare: a plain === leaks the MAC byte by byte
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const sep = payload.lastIndexOf(":");
  const userId = payload.slice(0, sep);
  const preference = payload.slice(sep + 1);
  return sep > 0 && isMailPreference(preference) ? { userId, preference } : null;
}

/** The page a person opens from the mail (GET shows a confirm button). */
export function unsubscribePageUrl(appUrl: string, token: string): string {
  return `${appUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** The List-Unsubscribe target a mail client POSTs "List-Unsubscribe=One-Click" to. */
export function unsubscribeOneClickUrl(appUrl: string, token: string): string {
  return `${appUrl}/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;
}
