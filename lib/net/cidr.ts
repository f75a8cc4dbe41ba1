// IPv4/IPv6 addresses and CIDR ranges, used for TRUSTED_PROXIES and per-event network rules.
import { isIP } from "node:net";

export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

/** Parse an address into 16 bytes (IPv4 as IPv4-mapped IPv6), or null. */
export function ipToBytes(address: string): Uint8Array | null {
  let ip = address.trim();
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  const zone = ip.indexOf("%");
  if (zone >= 0) ip = ip.slice(0, zone);
  const kind = isIP(ip);
  if (kind === 4) {
    const out = new Uint8Array(16);
    out[10] = 0xff;
    out[11] = 0xff;
    ip.split(".").forEach((part, i) => (out[12 + i] = Number(part)));
    return out;
  }
  if (kind !== 6) return null;
  let tail4: number[] = [];
  const lastColon = ip.lastIndexOf(":");
  if (ip.includes(".")) {
    tail4 = ip.slice(lastColon + 1).split(".").map(Number);
    ip = ip.slice(0, lastColon + 1) + "0:0";
  }
  const [head, rest] = ip.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  if (tail4.length === 4) tail4.forEach((v, i) => (out[12 + i] = v));
  return out;
}

/** "10.0.0.0/8", "2001:db8::/32" or a bare address (a /32 or /128). Null when invalid. */
export function parseCidr(text: string): Cidr | null {
  const [addr, prefixText] = text.trim().split("/");
  const bytes = ipToBytes(addr ?? "");
  if (!bytes) return null;
  const v4 = isIP(addr!.trim()) === 4;
  const max = v4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
    return null;
  }
  return { bytes, prefix: v4 ? prefix + 96 : prefix };
}

export function cidrContains(range: Cidr, address: string): boolean {
  const ip = ipToBytes(address);
  if (!ip) return false;
  let bits = range.prefix;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

export function anyCidrContains(ranges: readonly Cidr[], address: string): boolean {
  return ranges.some((r) => cidrContains(r, address));
}

/** Canonical text of an address: IPv4-mapped IPv6 ("::ffff:1.2.3.4") becomes "1.2.3.4". */
export function normalizeIp(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? m[1]! : a.toLowerCase();
}
