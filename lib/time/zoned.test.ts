import { describe, expect, it } from "vitest";
import { isTimeZone, zonedToUtc, zoneOffsetMs } from "./zoned";

describe("zonedToUtc", () => {
  it("keeps 09:00 at 09:00 local across Berlin's autumn change (last Sunday of October 2026)", () => {
    expect(zonedToUtc("2026-10-19", "09:00", "Europe/Berlin").toISOString()).toBe("2026-10-19T07:00:00.000Z");
    expect(zonedToUtc("2026-10-26", "09:00", "Europe/Berlin").toISOString()).toBe("2026-10-26T08:00:00.000Z");
  });
  it("handles the spring change, the southern hemisphere and UTC", () => {
    expect(zonedToUtc("2026-03-27", "09:00", "Europe/Berlin").toISOString()).toBe("2026-03-27T08:00:00.000Z");
    expect(zonedToUtc("2026-03-30", "09:00", "Europe/Berlin").toISOString()).toBe("2026-03-30T07:00:00.000Z");
    expect(zonedToUtc("2026-01-15", "14:30", "Australia/Sydney").toISOString()).toBe("2026-01-15T03:30:00.000Z");
    expect(zonedToUtc("2026-07-15", "14:30", "Australia/Sydney").toISOString()).toBe("2026-07-15T04:30:00.000Z");
    expect(zonedToUtc("2026-07-15", "00:00", "UTC").toISOString()).toBe("2026-07-15T00:00:00.000Z");
  });
  it("moves a skipped time forward and takes the first of a repeated one", () => {
    expect(zonedToUtc("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(zonedToUtc("2026-10-25", "02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z"); // the first 02:30 (CEST)
  });
  it("knows offsets and time-zone names", () => {
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), "Europe/Berlin")).toBe(7_200_000);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
