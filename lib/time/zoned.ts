// Wall-clock times in an IANA time zone → UTC instants, with the platform's own time-zone data
// (Intl), so a weekly 09:00 class stays at 09:00 local across a daylight-saving change. Pure.

/** Whether `name` is a time zone this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in milliseconds (Berlin in summer: +7,200,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a local date ("2026-10-26") and time ("09:00") in `timeZone`. A time the
 * clocks skip (spring forward) moves forward by the gap; a time that happens twice (fall back)
 * is the first of the two.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = zoneOffsetMs(wall - 86_400_000 / 2, timeZone);
  const after = zoneOffsetMs(wall + 86_400_000 / 2, timeZone);
  // try the earlier offset first (the first of two repeated times); accept a candidate whose own offset agrees
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = wall - offset;
    if (zoneOffsetMs(candidate, timeZone) === offset) return new Date(candidate);
  }
  return new Date(wall - before); // in a skipped hour: the old offset lands after the gap
}
