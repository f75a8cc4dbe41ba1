import { describe, expect, it } from "vitest";
import { cidrContains, parseCidr } from "./cidr";
import { parseTrustedProxies, resolveClientIp } from "./client-ip";

describe("cidr", () => {
  it("matches IPv4 ranges, including IPv4-mapped IPv6 peers", () => {
    const r = parseCidr("10.1.0.0/16")!;
    expect(cidrContains(r, "10.1.200.3")).toBe(true);
    expect(cidrContains(r, "::ffff:10.1.2.3")).toBe(true);
    expect(cidrContains(r, "10.2.0.1")).toBe(false);
  });
  it("matches IPv6 ranges and bare addresses", () => {
    expect(cidrContains(parseCidr("2001:db8::/32")!, "2001:db8:1::5")).toBe(true);
    expect(cidrContains(parseCidr("2001:db8::/32")!, "2001:db9::5")).toBe(false);
    expect(cidrContains(parseCidr("::1")!, "::1")).toBe(true);
    expect(cidrContains(parseCidr("192.168.1.7")!, "192.168.1.8")).toBe(false);
  });
  it("rejects invalid ranges", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "banana", "1.2.3.4/-1", "1.2.3.4/8x", "::/129"]) expect(parseCidr(bad)).toBeNull();
  });
});

describe("resolveClientIp", () => {
  const trusted = parseTrustedProxies(["10.0.0.5", "10.9.0.0/16"]);

  it("uses the socket peer when it is not a trusted proxy, ignoring X-Forwarded-For", () => {
    expect(resolveClientIp("203.0.113.7", "1.1.1.1", trusted)).toBe("203.0.113.7");
    expect(resolveClientIp("::ffff:203.0.113.7", "1.1.1.1, 2.2.2.2", trusted)).toBe("203.0.113.7");
  });

  it("takes the right-most untrusted hop behind trusted proxies", () => {
    expect(resolveClientIp("10.0.0.5", "198.51.100.4", trusted)).toBe("198.51.100.4");
    // a client that prepends its own fake hop gains nothing: the proxy appended the real one
    expect(resolveClientIp("10.0.0.5", "6.6.6.6, 198.51.100.4", trusted)).toBe("198.51.100.4");
    expect(resolveClientIp("10.0.0.5", "6.6.6.6, 198.51.100.4, 10.9.3.3", trusted)).toBe("198.51.100.4");
  });

  it("stops at garbage in the header", () => {
    expect(resolveClientIp("10.0.0.5", "not-an-ip", trusted)).toBe("10.0.0.5");
  });

  it("says unknown without a peer", () => {
    expect(resolveClientIp(null, "1.2.3.4", trusted)).toBe("unknown");
  });

  it("refuses invalid TRUSTED_PROXIES entries", () => {
    expect(() => parseTrustedProxies(["10.0.0.0/40"])).toThrow(/TRUSTED_PROXIES/);
  });
});
