import { describe, expect, it } from "vitest";
import { attemptsBeforeLock, FREE_FAILURES, lockSeconds } from "./backoff";

describe("lockout policy", () => {
  it("allows five attempts, then one between locks", () => {
    expect(FREE_FAILURES).toBe(5);
    expect(attemptsBeforeLock(0)).toBe(5);
    expect([1, 2, 9].map(attemptsBeforeLock)).toEqual([1, 1, 1]);
  });

  it("doubles each consecutive lock from 30 s, capped at an hour", () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([30, 60, 120, 240]);
    expect(lockSeconds(8)).toBe(3600);
    expect(lockSeconds(1000)).toBe(3600);
  });
});
