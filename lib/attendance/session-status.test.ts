import { describe, expect, it } from "vitest";
import { counts, isSessionClosed, statusOf, wasExpected } from "./session-status";

const t = (h: number) => new Date(Date.UTC(2026, 9, 1, h));
const session = { startsAt: t(9), endsAt: t(11), checkinClosedAt: null, archivedAt: null };

describe("session status", () => {
  it("is absent only once the session is closed (ended, stopped or archived)", () => {
    expect(statusOf(undefined, isSessionClosed(session, t(10)))).toBe("not_marked");
    expect(statusOf(undefined, isSessionClosed(session, t(11)))).toBe("absent");
    expect(statusOf(undefined, isSessionClosed({ ...session, checkinClosedAt: t(9) }, t(10)))).toBe("absent");
    expect(statusOf(undefined, isSessionClosed({ ...session, archivedAt: t(9) }, t(10)))).toBe("absent");
    expect(statusOf({ status: "excused" }, false)).toBe("excused");
    expect(statusOf({ status: "late" }, true)).toBe("late");
  });
  it("expects students enrolled while the session ran", () => {
    expect(wasExpected({ enrolledAt: t(1), droppedAt: null }, session)).toBe(true);
    expect(wasExpected({ enrolledAt: t(10), droppedAt: null }, session)).toBe(true);
    expect(wasExpected({ enrolledAt: t(12), droppedAt: null }, session)).toBe(false);
    expect(wasExpected({ enrolledAt: t(1), droppedAt: t(8) }, session)).toBe(false);
    expect(wasExpected({ enrolledAt: t(1), droppedAt: t(10) }, session)).toBe(true);
  });
  it("counts present, late and excused as attended", () => {
    expect(["present", "late", "excused", "absent", "not_marked"].map((s) => counts(s as never))).toEqual([true, true, true, false, false]);
  });
});
