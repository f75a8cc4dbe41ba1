import { describe, expect, it } from "vitest";
import { checkinState, isCheckinOpen } from "./checkin";

const t = (m: number) => new Date(Date.UTC(2026, 10, 25, 9, m));
const base = { endsAt: t(60), archivedAt: null, checkinOpenedAt: null, checkinClosedAt: null };

describe("check-in state", () => {
  it("is closed until started, open while started, and closes by itself at the event's end", () => {
    expect(checkinState(base, t(0))).toBe("not_started");
    const started = { ...base, checkinOpenedAt: t(1) };
    expect(isCheckinOpen(started, t(30))).toBe(true);
    expect(isCheckinOpen(started, t(60))).toBe(false);
    expect(checkinState(started, t(61))).toBe("ended");
  });
  it("stopped and archived events are closed", () => {
    expect(checkinState({ ...base, checkinOpenedAt: t(1), checkinClosedAt: t(5) }, t(6))).toBe("stopped");
    expect(isCheckinOpen({ ...base, checkinOpenedAt: t(1), archivedAt: t(2) }, t(3))).toBe(false);
    expect(checkinState({ ...base, archivedAt: t(2) }, t(3))).toBe("archived");
  });
});
