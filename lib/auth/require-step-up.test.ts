import { describe, expect, it } from "vitest";
import { isSteppedUp, STEP_UP_MAX_AGE_SECONDS } from "./require-step-up";

describe("a step-up is fresh for 5 minutes", () => {
  const at = new Date("2026-11-25T10:00:00Z");
  const later = (s: number) => new Date(at.getTime() + s * 1000);
  it("counts from the proof, inclusive, and never from the future", () => {
    expect(STEP_UP_MAX_AGE_SECONDS).toBe(300);
    expect(isSteppedUp(null, at)).toBe(false);
    expect(isSteppedUp(at, at)).toBe(true);
    expect(isSteppedUp(at, later(300))).toBe(true);
    expect(isSteppedUp(at, later(301))).toBe(false);
    expect(isSteppedUp(later(10), at)).toBe(false);
  });
});
