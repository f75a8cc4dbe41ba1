// The low-attendance policy on its own: not before N settled sessions, not while the fall is
// only in sessions still within the grace period, once per fall, withdrawn on recovery.
import { describe, expect, it } from "vitest";
import type { Counts } from "./course-attendance";
import { decideStanding } from "./standing";

const counts = (attended: number, held: number): Counts => ({ present: attended, late: 0, excused: 0, absent: held - attended, held });
const row = (all: [number, number], settled: [number, number]) => ({ rate: all[1] ? all[0] / all[1] : null, settled: counts(...settled) });
const policy = { thresholdPercent: 80, warnAfterSessions: 3 };

describe("decideStanding", () => {
  it("waits for the course's number of settled sessions", () => {
    expect(decideStanding(row([0, 2], [0, 2]), policy, false)).toBeNull();
    expect(decideStanding(row([0, 3], [0, 2]), policy, false)).toBeNull(); // the third is still in its grace period
    expect(decideStanding(row([0, 3], [0, 3]), policy, false)).toEqual({ kind: "warn", rate: 0 });
    expect(decideStanding(row([0, 1], [0, 1]), { ...policy, warnAfterSessions: 1 }, false)).toEqual({ kind: "warn", rate: 0 });
  });

  it("warns with the rate at sending time, only when both the whole and the settled rate are below", () => {
    expect(decideStanding(row([3, 5], [3, 4]), policy, false)).toEqual({ kind: "warn", rate: 0.6 });
    expect(decideStanding(row([3, 5], [4, 4]), policy, false)).toBeNull(); // the fall is only in unsettled sessions
    expect(decideStanding(row([4, 5], [2, 4]), policy, false)).toBeNull(); // an excuse lifted the rate to 80 %
  });

  it("never warns twice for one fall, and withdraws a warning once the rate is back at the threshold", () => {
    expect(decideStanding(row([1, 5], [1, 5]), policy, true)).toBeNull();
    expect(decideStanding(row([4, 5], [3, 4]), policy, true)).toEqual({ kind: "withdraw", rate: 0.8 });
    expect(decideStanding(row([0, 0], [0, 0]), policy, true)).toBeNull(); // nothing held any more: keep it
  });
});
