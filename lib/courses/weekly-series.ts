// The dates and UTC times of a weekly schedule read in the college's time zone. Dates are
// walked as calendar days (no time zone involved); each session's start is then converted
// from its own local wall-clock time, so a daylight-saving change never shifts a class. Pure.
import { zonedToUtc } from "../time/zoned";
import { WEEKDAYS, type SessionSeriesInput } from "./schemas";

export interface PlannedSession {
  localDate: string;
  startsAt: Date;
  endsAt: Date;
}

export function weeklySeries(input: Pick<SessionSeriesInput, "weekdays" | "start_time" | "duration_minutes" | "first_date" | "last_date" | "skip_dates">, timeZone: string) {
  const wanted = new Set(input.weekdays.map((d) => (WEEKDAYS.indexOf(d) + 1) % 7)); // JS: 0 = Sunday
  const skip = new Set(input.skip_dates);
  const sessions: PlannedSession[] = [];
  const skipped: string[] = [];
  const last = Date.parse(`${input.last_date}T00:00:00Z`);
  for (let day = Date.parse(`${input.first_date}T00:00:00Z`); day <= last; day += 86_400_000) {
    const date = new Date(day);
    if (!wanted.has(date.getUTCDay())) continue;
    const localDate = date.toISOString().slice(0, 10);
    if (skip.has(localDate)) {
      skipped.push(localDate);
      continue;
    }
    const startsAt = zonedToUtc(localDate, input.start_time, timeZone);
    sessions.push({ localDate, startsAt, endsAt: new Date(startsAt.getTime() + input.duration_minutes * 60_000) });
  }
  return { sessions, skipped };
}
