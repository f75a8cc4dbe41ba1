// The one redaction step for text that leaves a process: log lines, errors stored in the
// database (backup runs, outbox messages), notifications and API error bodies. Secrets are
// removed where such text is written, not at each call site (docs/design.md#configuration).
// Pure and total: any string in, a string without the secrets this product handles out.

const MASK = "[redacted]";

const RULES: ReadonlyArray<[RegExp, string]> = [
  // a password in a URL's userinfo: postgresql://rollcall:PASSWORD@host, smtp://u:PASSWORD@relay
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@'"]+@/gi, `$1${MASK}@`],
  // HTTP credentials
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  // JSON Web Tokens (access tokens): header.claims.signature
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, MASK],
  // QR payloads (v2.<key id>.<claims>.<mac>, v1 likewise): the MAC goes, the rest stays for diagnosis
  [/\b(v[12]\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.)[A-Za-z0-9_-]{8,}/g, `$1${MASK}`],
  // key=value and "key": "value" pairs whose key names a secret (query strings, conninfo, JSON, env)
  [
    /(\b(?:password|passwd|pwd|pgpassword|secret|[a-z_]*secret[a-z_]*|[a-z_]*token|token|api_key|apikey|otp|verification_code)\b["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi,
    `$1${MASK}`,
  ],
  // any other long random-looking run (refresh, device, reset and verification tokens are 32 random
  // bytes, 43 base64url characters; hex secrets are 64): nothing legitimate in our text is that long
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g, MASK],
];

/** `text` with every secret this product knows the shape of replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** A field whose name says it holds a secret (`password`, `refresh_token`, `authorization`, …). */
const SECRET_FIELD = /(?:password|passwd|secret|token|api_?key|authorization|cookie)(?:_?hash)?$/i;

/**
 * Redact every string inside a JSON-like value (log fields, audit details); other values pass as
 * they are. A string under a secret-named key is replaced whole, however short or plain it looks.
 */
export function redactValue<T>(value: T, depth = 0): T {
  if (typeof value === "string") return redactSecrets(value) as T;
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1)) as T;
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = typeof v === "string" && v !== "" && SECRET_FIELD.test(k) ? MASK : redactValue(v, depth + 1);
  }
  return out as T;
}

/** An error as text safe to store or show: its message (and for Node's child-process errors, the command) redacted. */
export function redactedErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message);
}
