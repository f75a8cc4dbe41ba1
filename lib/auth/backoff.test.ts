import { describe, expect, it } from "vitest";
import { FREE_FAILURES, lockSecondsAfter } from "./backoff";

describe("per-account back-off", () => {
  it("allows a few failures, then doubles the lock each time, capped at an hour", () => {
    expect([1, 2, 3, 4].map(lockSecondsAfter)).toEqual([0, 0, 0, 0]);
    expect(FREE_FAILURES).toBe(5);
    expect([5, 6, 7, 8].map(lockSecondsAfter)).toEqual([30, 60, 120, 240]);
    expect(lockSecondsAfter(12)).toBe(3600);
    expect(lockSecondsAfter(1000)).toBe(3600);
  });
});
