import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signStatusToken, verifyStatusToken } from "./status-token";

const secret = "s".repeat(64);

describe("signup status tokens", () => {
  it("round-trips the request id", () => {
    const token = signStatusToken("cmabc123def456ghi789jkl0", secret);
    expect(verifyStatusToken(token, secret)).toBe("cmabc123def456ghi789jkl0");
  });

  it("refuses another secret, a swapped id, and garbage", () => {
    const token = signStatusToken("cmabc123def456ghi789jkl0", secret);
    expect(verifyStatusToken(token, "t".repeat(64))).toBeNull();
    const [, mac] = token.split(".");
    expect(verifyStatusToken(`${Buffer.from("cmother").toString("base64url")}.${mac}`, secret)).toBeNull();
    for (const bad of ["", ".", "abc", `${token}x`, token.replace(".", "")]) expect(verifyStatusToken(bad, secret)).toBeNull();
  });

  it("never accepts a tampered token (property)", () => {
    const token = signStatusToken("cmabc123def456ghi789jkl0", secret);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(..."ABCxyz019-_"), (i, ch) => {
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        if (tampered !== token) expect(verifyStatusToken(tampered, secret)).not.toBe("cmabc123def456ghi789jkl0");
      }),
    );
  });
});
