// "Today" as a college reads it: the calendar day in COLLEGE_TIMEZONE, the zone timetables are
// written in (docs/design.md#pages-for-people-time-the-lecturers-start-phones-accessibility). Pure.
import { zonedToUtc } from "./zoned";

/** The college-zone calendar day around `now`, as UTC instants [start, end). */
export function collegeDay(now: Date, timeZone: string): { start: Date; end: Date } {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const start = zonedToUtc(ymd, "00:00", timeZone);
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start, end: zonedToUtc(next, "00:00", timeZone) };
}
