// The term report as a table for spreadsheets (the CSV and the .xlsx share it): the sessions
// as columns headed by their start in the college's zone ("2026-12-07 10:00", unique even for
// two sessions at the same minute), held sessions only unless asked otherwise, and the students
// sorted by family name in the college's language. Pure: it reshapes what
// computeCourseAttendance computed and decides nothing about rates.
import { formatSortable } from "../time/format";
import type { Cell, StudentAttendance } from "./course-attendance";
import { byFamilyName, familyNameOf } from "./family-name";
import type { CourseAttendance } from "./load-course-attendance";

import type { SessionChoice } from "./report-schemas";

export interface TableOptions {
  timeZone: string;
  locale: string;
  sessions: SessionChoice;
}

export interface ReportColumn {
  id: string;
  title: string;
  startsAt: Date;
  held: boolean;
  header: string;
}

export interface ReportTableRow {
  row: StudentAttendance;
  familyName: string;
  /** the cells of the chosen columns */
  cells: Cell[];
}

/** Make headers unique by numbering repeats: "2026-12-07 10:00", "2026-12-07 10:00 (2)". */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/** The word a spreadsheet cell shows: the letter, "–" before the student was enrolled, empty when not held yet. */
export const cellText = (c: Cell) => (c === "-" ? "–" : (c ?? ""));

export function reportTable(loaded: Pick<CourseAttendance, "rows" | "totals">, options: TableOptions) {
  const chosen = loaded.totals.flatMap((t, i) => (options.sessions === "all" || t.held ? [i] : []));
  const headers = uniqueHeaders(chosen.map((i) => formatSortable(loaded.totals[i]!.session.startsAt, options.timeZone)));
  const columns: ReportColumn[] = chosen.map((i, k) => {
    const t = loaded.totals[i]!;
    return { id: t.session.id, title: t.session.title, startsAt: t.session.startsAt, held: t.held, header: headers[k]! };
  });
  const rows: ReportTableRow[] = loaded.rows
    .map((row) => ({ row, familyName: familyNameOf(row.student), cells: chosen.map((i) => row.cells[i] ?? null) }))
    .sort(byFamilyName(options.locale, (r) => r.row.student, (r) => r.row.student.email));
  return { columns, rows };
}

/** "INF2040-2026_Autumn": a file name part from a course's code and term, safe in any file system. */
export const courseFileStem = (course: { code: string; termLabel: string }) =>
  [course.code, course.termLabel].filter(Boolean).join("-").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+|[._-]+$/g, "") || "course";
