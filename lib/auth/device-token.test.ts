import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../random";
import { DEVICE_TOKEN_DAYS, newDeviceTokenId, parseTrustCookie, signDeviceToken, trustCookieWith, trustedDeviceFor, verifyDeviceToken } from "./device-token";

const SECRET = "k".repeat(64);
const now = new Date("2026-03-01T10:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("trusted-device tokens", () => {
  const id = newDeviceTokenId(cryptoRandom);
  const token = signDeviceToken("ada@college.edu", id, now, SECRET);

  it("vouch for the account and device they were issued for, until they expire", () => {
    expect(token).toMatch(/^d1\.[A-Za-z0-9_-]{16}\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyDeviceToken(token, "ada@college.edu", SECRET, now)).toEqual({ id });
    expect(verifyDeviceToken(token, "ada@college.edu", SECRET, days(DEVICE_TOKEN_DAYS - 1))).toEqual({ id });
    expect(verifyDeviceToken(token, "ada@college.edu", SECRET, days(DEVICE_TOKEN_DAYS))).toBeNull();
  });

  it("are worthless for another account, under another key, or changed in any part", () => {
    expect(verifyDeviceToken(token, "bob@college.edu", SECRET, now)).toBeNull();
    expect(verifyDeviceToken(token, "ada@college.edu", "j".repeat(64), now)).toBeNull();
    const [v, i, e, m] = token.split(".") as [string, string, string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const forged of [`${v}.${flip(i)}.${e}.${m}`, `${v}.${i}.${(parseInt(e, 36) + 86_400).toString(36)}.${m}`, `${v}.${i}.${e}.${flip(m)}`, `d2.${i}.${e}.${m}`, "", "d1...", `${token}x`]) {
      expect(verifyDeviceToken(forged, "ada@college.edu", SECRET, now)).toBeNull();
    }
  });

  it("a browser keeps one token per account, newest first, at most five", () => {
    const others = ["a", "b", "c", "d", "e"].map((n) => signDeviceToken(`${n}@college.edu`, newDeviceTokenId(cryptoRandom), now, SECRET));
    const old = signDeviceToken("ada@college.edu", newDeviceTokenId(cryptoRandom), now, SECRET);
    const cookie = trustCookieWith([old, ...others.slice(0, 2), "junk"], token, "ada@college.edu", SECRET, now);
    expect(parseTrustCookie(cookie)).toEqual([token, ...others.slice(0, 2)]);
    expect(parseTrustCookie(trustCookieWith(others, token, "ada@college.edu", SECRET, now))).toEqual([token, ...others.slice(0, 4)]);
    expect(trustedDeviceFor(parseTrustCookie(cookie), "ada@college.edu", SECRET, now)).toEqual({ id });
    expect(trustedDeviceFor(parseTrustCookie(cookie), "zed@college.edu", SECRET, now)).toBeNull();
    expect(parseTrustCookie(undefined)).toEqual([]);
  });
});
