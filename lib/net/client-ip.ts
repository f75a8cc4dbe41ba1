// The client IP used for rate limits and audit entries. Forwarded headers count only when
// the TCP peer is a trusted proxy, so a client that sends its own X-Forwarded-For gains nothing.
import { anyCidrContains, parseCidr, normalizeIp, type Cidr } from "./cidr";

/** Set by server.ts from the socket's remote address, overwriting anything a client sent. */
export const PEER_HEADER = "x-rollcall-peer";

export function parseTrustedProxies(entries: readonly string[]): Cidr[] {
  return entries.map((e) => {
    const c = parseCidr(e);
    if (!c) throw new Error(`TRUSTED_PROXIES: "${e}" is not an IP address or CIDR range`);
    return c;
  });
}

/**
 * Walk X-Forwarded-For from the right, skipping trusted proxies; the first untrusted hop
 * is the client. With no trusted peer the socket address is the answer.
 */
export function resolveClientIp(peer: string | null, forwardedFor: string | null, trusted: readonly Cidr[]): string {
  if (!peer) return "unknown";
  let client = normalizeIp(peer);
  if (!anyCidrContains(trusted, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!);
    if (!parseCidr(hop)) return client; // garbage in the header: stop at the last good hop
    client = hop;
    if (!anyCidrContains(trusted, hop)) return hop;
  }
  return client;
}
