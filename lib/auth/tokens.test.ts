import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../random";
import { hashToken, newRefreshToken, successorRefreshToken } from "./tokens";

describe("refresh token successors", () => {
  it("are a deterministic, keyed, refresh-token-shaped function of the spent token", () => {
    const token = newRefreshToken(cryptoRandom);
    const key = "a".repeat(64);
    const next = successorRefreshToken(token, key);
    expect(next).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(successorRefreshToken(token, key)).toBe(next);
    expect(successorRefreshToken(token, "b".repeat(64))).not.toBe(next);
    expect(successorRefreshToken(next, key)).not.toBe(next);
    expect(hashToken(next)).not.toContain(next);
  });
});
