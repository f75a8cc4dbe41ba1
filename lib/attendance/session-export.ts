// GET /api/events/{id}/attendance.csv: one session's attendance for a spreadsheet
// (docs/courses.md#reports). The whole roster — every student enrolled while it ran, sorted by
// family name, with their status (present, late, excused, absent; not marked while it is still
// open) and whether they have an account yet — then the walk-ins. Times in the college's zone,
// the method in plain words, and a file name people can file: INF2040-2026-12-07-1000.csv.
import type { Ctx } from "../context";
import { csvFile, csvSeparatorFor } from "../courses/csv-file";
import { byFamilyName } from "../courses/family-name";
import { CSV_MEDIA_TYPE, type SessionCsvQuery } from "../courses/report-schemas";
import { findEventOrThrow } from "../events/get-event";
import type { Download } from "../http-download";
import { formatSortable } from "../time/format";
import { getFullRoster } from "./get-roster";
import type { RosterStudentOut } from "./schemas";
import { METHOD_WORDS, STATUS_WORDS } from "./words";

export const sessionHeaders = (timeZone: string) => ["Name", "Email", "Student number", "Status", "Account", "On the roster", `Marked at (${timeZone})`, "How", "Reason", "Shared device"];

/** "INF2040-2026-12-07-1000.csv": the course code (or the event's title) and the local start. */
export function sessionFileName(label: string, startsAt: Date, timeZone: string): string {
  const stem = label.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+|[._-]+$/g, "").slice(0, 40) || "session";
  return `${stem}-${formatSortable(startsAt, timeZone).replace(" ", "-").replace(":", "")}.csv`;
}

export async function sessionAttendanceCsv(ctx: Ctx, eventId: string, query: SessionCsvQuery): Promise<Download> {
  const { COLLEGE_LOCALE: locale, COLLEGE_TIMEZONE: timeZone } = ctx.config;
  const [event, roster] = await Promise.all([findEventOrThrow(ctx.db, eventId), getFullRoster(ctx, eventId)]);
  const sort = byFamilyName(locale, (s: RosterStudentOut) => ({ fullName: s.full_name }), (s) => s.email);
  const line = (s: RosterStudentOut, enrolled: boolean) => [
    s.full_name,
    s.email,
    s.student_number ?? "",
    STATUS_WORDS[s.status].toLowerCase(),
    s.user_id ? "yes" : "no account yet",
    enrolled ? "yes" : "no (walk-in)",
    s.marked_at ? formatSortable(s.marked_at, timeZone, { seconds: true }) : "",
    s.method ? METHOD_WORDS[s.method] : "",
    s.reason ?? "",
    s.device_flag ? "yes" : "",
  ];
  const rows = [...[...roster.enrolled].sort(sort).map((s) => line(s, true)), ...[...roster.walk_ins].sort(sort).map((s) => line(s, false))];
  return {
    filename: sessionFileName(roster.course?.code ?? event.title, event.startsAt, timeZone),
    contentType: CSV_MEDIA_TYPE,
    body: csvFile(sessionHeaders(timeZone), rows, query.separator ?? csvSeparatorFor(locale)),
  };
}
