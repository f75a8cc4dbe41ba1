// The one way Rollcall shows a moment to a person: in a named IANA time zone, always labelled
// with that zone ("10:02 (Europe/Berlin)", "6 Dec 2026, 10:02 UTC"), never raw ISO text. Pure:
// the caller says which zone (the viewer's, or the college's for course work) and, for "Today",
// what "now" is. The <Time> component (components/ui/Time.tsx) renders these in pages.

export type TimeStyle =
  /** "10:02" */
  | "time"
  /** "10:02:07" — for activity logs where seconds matter */
  | "time-seconds"
  /** "Sun 6 Dec 2026" */
  | "date"
  /** "Sun 6 Dec" — where the year is plain from context (a session title) */
  | "day"
  /** "Sun 6 Dec 2026, 10:02" */
  | "datetime"
  /** "Sun 6 Dec 2026, 10:02:07" */
  | "datetime-seconds";

export interface FormatOptions {
  timeZone: string;
  style?: TimeStyle;
  /** with it, a date on the same calendar day (in `timeZone`) reads "Today", the day before "Yesterday", the day after "Tomorrow" */
  now?: TimeInput;
  /** false: leave the zone label off (the caller shows it once, e.g. in a table heading) */
  label?: boolean;
}

export type TimeInput = Date | string | number;

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    // en-GB: day before month, 24-hour clock — unambiguous for an international campus
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** A Date from what the API and the database hand over (ISO text, epoch ms or a Date). */
export function toDate(value: TimeInput): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a time: ${String(value)}`);
  return d;
}

/** How a zone is named after a time: "UTC" bare, any other zone in parentheses. */
export function zoneLabel(timeZone: string): string {
  return timeZone === "UTC" || timeZone === "Etc/UTC" ? "UTC" : `(${timeZone})`;
}

function clock(d: Date, timeZone: string, seconds: boolean): string {
  return fmt(timeZone, { hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23" }).format(d);
}

/** The calendar day of `d` in `timeZone`, as a number of days since 1970-01-01 (for Today/Yesterday). */
function dayNumber(d: Date, timeZone: string): number {
  const parts = Object.fromEntries(fmt(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(d).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!) / 86_400_000;
}

function day(d: Date, timeZone: string, now: TimeInput | undefined): string {
  if (now !== undefined) {
    const diff = dayNumber(d, timeZone) - dayNumber(toDate(now), timeZone);
    if (diff === 0) return "Today";
    if (diff === -1) return "Yesterday";
    if (diff === 1) return "Tomorrow";
  }
  return fmt(timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(d).replace(",", "");
}

/** One moment as a person reads it, in `timeZone`, labelled with the zone. */
export function formatTime(value: TimeInput, { timeZone, style = "datetime", now, label = true }: FormatOptions): string {
  const d = toDate(value);
  let text: string;
  switch (style) {
    case "time":
      text = clock(d, timeZone, false);
      break;
    case "time-seconds":
      text = clock(d, timeZone, true);
      break;
    case "date":
      text = day(d, timeZone, now);
      break;
    case "day":
      text = fmt(timeZone, { weekday: "short", day: "numeric", month: "short" }).format(d).replace(",", "");
      break;
    case "datetime":
      text = `${day(d, timeZone, now)}, ${clock(d, timeZone, false)}`;
      break;
    case "datetime-seconds":
      text = `${day(d, timeZone, now)}, ${clock(d, timeZone, true)}`;
      break;
  }
  return label ? `${text} ${zoneLabel(timeZone)}` : text;
}

/**
 * A span such as a class: "Sun 6 Dec 2026, 10:00–11:30 (Europe/Berlin)"; when it crosses
 * midnight in `timeZone`, both ends carry their day.
 */
export function formatRange(start: TimeInput, end: TimeInput, { timeZone, now, label = true }: Omit<FormatOptions, "style">): string {
  const a = toDate(start);
  const b = toDate(end);
  const sameDay = dayNumber(a, timeZone) === dayNumber(b, timeZone);
  const text = sameDay
    ? `${day(a, timeZone, now)}, ${clock(a, timeZone, false)}–${clock(b, timeZone, false)}`
    : `${day(a, timeZone, now)}, ${clock(a, timeZone, false)} – ${day(b, timeZone, now)}, ${clock(b, timeZone, false)}`;
  return label ? `${text} ${zoneLabel(timeZone)}` : text;
}

/** "just now", "5 min ago", "3 h ago"; older than a day: the labelled date and time. */
export function formatAgo(value: TimeInput, { timeZone, now }: { timeZone: string; now: TimeInput }): string {
  const d = toDate(value);
  const s = Math.max(0, Math.round((toDate(now).getTime() - d.getTime()) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatTime(d, { timeZone, style: "datetime", now });
}

/** The browser's own time zone (the viewer's), or undefined where Intl cannot say. */
export function viewerTimeZone(): string | undefined {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A moment as a spreadsheet column reads it, in `timeZone`, without a label (the file says its
 * zone once): "2026-12-07 10:00", with seconds "2026-12-07 10:00:07". Sorts as text.
 */
export function formatSortable(value: TimeInput, timeZone: string, { seconds = false } = {}): string {
  const parts = Object.fromEntries(
    fmt(timeZone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23" })
      .formatToParts(toDate(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ""}`;
}
