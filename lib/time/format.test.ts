import { describe, expect, it } from "vitest";
import { formatAgo, formatRange, formatSortable, formatTime, toDate, zoneLabel } from "./format";

const at = "2026-12-06T09:02:07.000Z"; // a Sunday; 10:02 in Berlin (CET), 20:02 in Sydney (AEDT)

describe("formatTime", () => {
  it("shows the time in the zone it is given, labelled with that zone", () => {
    expect(formatTime(at, { timeZone: "Europe/Berlin", style: "time" })).toBe("10:02 (Europe/Berlin)");
    expect(formatTime(at, { timeZone: "Australia/Sydney", style: "time" })).toBe("20:02 (Australia/Sydney)");
    expect(formatTime(at, { timeZone: "UTC", style: "time" })).toBe("09:02 UTC");
  });
  it("writes dates day-first with the weekday, and seconds only when asked", () => {
    expect(formatTime(at, { timeZone: "Europe/Berlin" })).toBe("Sun 6 Dec 2026, 10:02 (Europe/Berlin)");
    expect(formatTime(at, { timeZone: "Europe/Berlin", style: "datetime-seconds" })).toBe("Sun 6 Dec 2026, 10:02:07 (Europe/Berlin)");
    expect(formatTime(at, { timeZone: "Europe/Berlin", style: "time-seconds" })).toBe("10:02:07 (Europe/Berlin)");
    expect(formatTime(at, { timeZone: "Europe/Berlin", style: "date" })).toBe("Sun 6 Dec 2026 (Europe/Berlin)");
  });
  it("takes the calendar day from the zone, not from UTC", () => {
    const lateUtc = "2026-12-06T23:30:00.000Z"; // already Monday in Berlin
    expect(formatTime(lateUtc, { timeZone: "Europe/Berlin" })).toBe("Mon 7 Dec 2026, 00:30 (Europe/Berlin)");
    expect(formatTime(lateUtc, { timeZone: "UTC" })).toBe("Sun 6 Dec 2026, 23:30 UTC");
  });
  it("follows daylight saving (Berlin's summer time is UTC+2)", () => {
    expect(formatTime("2026-07-01T07:00:00Z", { timeZone: "Europe/Berlin", style: "time" })).toBe("09:00 (Europe/Berlin)");
  });
  it("says Today, Yesterday and Tomorrow relative to now, in the zone", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    expect(formatTime(at, { timeZone: "Europe/Berlin", now })).toBe("Today, 10:02 (Europe/Berlin)");
    expect(formatTime("2026-12-05T09:00:00Z", { timeZone: "Europe/Berlin", now })).toBe("Yesterday, 10:00 (Europe/Berlin)");
    expect(formatTime("2026-12-07T09:00:00Z", { timeZone: "Europe/Berlin", now })).toBe("Tomorrow, 10:00 (Europe/Berlin)");
    expect(formatTime("2026-12-09T09:00:00Z", { timeZone: "Europe/Berlin", now })).toBe("Wed 9 Dec 2026, 10:00 (Europe/Berlin)");
    // 23:30 UTC on the 6th is the 7th in Berlin: "Tomorrow" there, "Today" in UTC
    expect(formatTime("2026-12-06T23:30:00Z", { timeZone: "Europe/Berlin", now })).toBe("Tomorrow, 00:30 (Europe/Berlin)");
    expect(formatTime("2026-12-06T23:30:00Z", { timeZone: "UTC", now })).toBe("Today, 23:30 UTC");
  });
  it("can leave the label off for a column that names its zone once", () => {
    expect(formatTime(at, { timeZone: "Europe/Berlin", style: "time", label: false })).toBe("10:02");
  });
  it("accepts a Date or epoch milliseconds and refuses what is not a time", () => {
    expect(formatTime(new Date(at), { timeZone: "UTC", style: "time" })).toBe("09:02 UTC");
    expect(formatTime(Date.parse(at), { timeZone: "UTC", style: "time" })).toBe("09:02 UTC");
    expect(() => toDate("yesterday-ish")).toThrow(RangeError);
  });
  it("never returns ISO text", () => {
    for (const style of ["time", "time-seconds", "date", "datetime", "datetime-seconds"] as const) {
      expect(formatTime(at, { timeZone: "Europe/Berlin", style })).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });
});

describe("formatRange", () => {
  it("names the day once for a class within one day", () => {
    expect(formatRange("2026-12-06T09:00:00Z", "2026-12-06T10:30:00Z", { timeZone: "Europe/Berlin" })).toBe("Sun 6 Dec 2026, 10:00–11:30 (Europe/Berlin)");
  });
  it("names both days when the span crosses midnight in the zone", () => {
    expect(formatRange("2026-12-06T22:00:00Z", "2026-12-06T23:30:00Z", { timeZone: "Europe/Berlin" })).toBe(
      "Sun 6 Dec 2026, 23:00 – Mon 7 Dec 2026, 00:30 (Europe/Berlin)",
    );
  });
  it("says Today for today's class", () => {
    expect(formatRange("2026-12-06T09:00:00Z", "2026-12-06T10:00:00Z", { timeZone: "UTC", now: Date.parse("2026-12-06T08:00:00Z") })).toBe("Today, 09:00–10:00 UTC");
  });
});

describe("formatAgo", () => {
  const now = Date.parse(at);
  it("counts recent moments, and labels older ones with date and zone", () => {
    expect(formatAgo(now - 20_000, { timeZone: "UTC", now })).toBe("just now");
    expect(formatAgo(now - 5 * 60_000, { timeZone: "UTC", now })).toBe("5 min ago");
    expect(formatAgo(now - 3 * 3_600_000, { timeZone: "UTC", now })).toBe("3 h ago");
    expect(formatAgo(now - 3 * 86_400_000, { timeZone: "Europe/Berlin", now })).toBe("Thu 3 Dec 2026, 10:02 (Europe/Berlin)");
  });
});

describe("zoneLabel", () => {
  it("writes UTC bare and other zones in parentheses", () => {
    expect(zoneLabel("UTC")).toBe("UTC");
    expect(zoneLabel("Etc/UTC")).toBe("UTC");
    expect(zoneLabel("America/New_York")).toBe("(America/New_York)");
  });
});

describe("formatSortable", () => {
  it("writes the zone's wall-clock date and time, so a 00:30 Berlin class is not dated the day before", () => {
    expect(formatSortable("2026-12-06T23:30:00Z", "Europe/Berlin")).toBe("2026-12-07 00:30");
    expect(formatSortable("2026-12-08T04:30:00Z", "America/New_York")).toBe("2026-12-07 23:30");
    expect(formatSortable("2026-07-01T00:05:09Z", "UTC", { seconds: true })).toBe("2026-07-01 00:05:09");
    expect(formatSortable("2026-03-29T01:30:00Z", "Europe/Berlin")).toBe("2026-03-29 03:30"); // after the spring change
  });
});
