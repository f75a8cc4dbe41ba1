"use client";
// Every time on a page goes through here: a <time datetime=ISO> whose text is labelled with its
// zone ("Today, 10:02 (Europe/Berlin)"). See lib/time/format.ts for the wording.
import { formatRange, formatTime, toDate, type TimeInput, type TimeStyle } from "@/lib/time/format";
import { useTimeZone, type ZoneChoice } from "./time-zone";

export function Time({
  value,
  end,
  style = "datetime",
  zone = "viewer",
  now,
  className,
  testId,
}: {
  value: TimeInput;
  /** with it: a span, "Today, 10:00–11:30 (Europe/Berlin)" */
  end?: TimeInput;
  style?: TimeStyle;
  /** "college" for course work read in the college's zone (schedules); default the viewer's */
  zone?: ZoneChoice;
  /** say "Today"/"Yesterday"/"Tomorrow" relative to this moment */
  now?: TimeInput;
  className?: string;
  testId?: string;
}) {
  const timeZone = useTimeZone(zone);
  const start = toDate(value);
  const text = end !== undefined ? formatRange(start, end, { timeZone, now }) : formatTime(start, { timeZone, style, now });
  return (
    // the text may differ from the server's by zone once hydrated; both are labelled
    <time dateTime={start.toISOString()} className={className} data-testid={testId} suppressHydrationWarning>
      {text}
    </time>
  );
}
