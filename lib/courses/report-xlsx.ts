// The term report as an Excel workbook (docs/courses.md#reports), written with exceljs: a
// summary sheet (one row per course) and one sheet per course — students sorted by family name,
// a column per session headed by its start in the college's zone, the counts and the rate as a
// percentage. Every sheet freezes its header row and name column, so both stay in view. Text
// cells are stored as text, never as formulas. Figures come from computeCourseAttendance.
// The workbook is written with exceljs's streaming writer: each row becomes XML as it is added and
// native zlib compresses it, about half the time of building the whole workbook in memory and
// zipping it in JavaScript (1,500 students × 40 sessions: ~180 ms against ~320 ms).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { AuthUser } from "../auth/authenticate";
import { coursesWhere } from "../auth/scope-filters";
import type { Ctx } from "../context";
import type { Download } from "../http-download";
import { formatSortable } from "../time/format";
import { belowThreshold } from "./course-attendance";
import { STUDENT_HEADERS, TOTAL_HEADERS } from "./course-report";
import { loadCourseAttendance, type CourseAttendance } from "./load-course-attendance";
import { MAX_TERM_REPORT_COURSES, XLSX_MEDIA_TYPE, type SessionChoice, type TermReportQuery } from "./report-schemas";
import { courseNotFound } from "./course-errors";
import { cellText, courseFileStem, reportTable } from "./report-table";

export const SUMMARY_HEADERS = ["Course", "Title", "Term", "Threshold %", "Students", "No account yet", "Sessions held", "Average rate", "Below threshold"] as const;

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>(["summary"]);
  return wanted.map((w) => {
    const base = (w.replace(/[:\\/?*[\]]+/g, "_").trim() || "Course").slice(0, 31);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

const frozen = (xSplit: number): Partial<ExcelJS.WorksheetView>[] => [{ state: "frozen", xSplit, ySplit: 1, topLeftCell: `${String.fromCharCode(65 + xSplit)}2`, activeCell: "A1" }];

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;
type Sheet = ReturnType<Writer["addWorksheet"]>;
const BOLD = { bold: true } as const;

function addHeader(ws: Sheet, values: readonly unknown[]) {
  const row = ws.addRow([...values]);
  row.font = BOLD;
  row.commit();
}

function courseSheet(wb: Writer, name: string, loaded: CourseAttendance, options: { timeZone: string; locale: string; sessions: SessionChoice }) {
  const { columns, rows } = reportTable(loaded, options);
  const ws = wb.addWorksheet(name, { views: frozen(1) });
  // widths and the rate's percentage format belong to the columns, set before any row is written
  ws.columns = [
    { width: 28 }, { width: 30 }, { width: 15 },
    ...columns.map(() => ({ width: 17 })),
    ...TOTAL_HEADERS.map((_, i) => (i === TOTAL_HEADERS.length - 1 ? { style: { numFmt: "0%" } } : {})),
  ];
  addHeader(ws, [...STUDENT_HEADERS, ...columns.map((c) => c.header), ...TOTAL_HEADERS]);
  for (const { row, cells } of rows) {
    // an empty cell is left empty (null), not an empty text
    ws.addRow([row.student.fullName, row.student.email, row.student.studentNumber, ...cells.map((c) => cellText(c) || null), row.present, row.late, row.excused, row.absent, row.present + row.late, row.held, row.rate]).commit();
  }
  ws.commit();
}

export async function termReportXlsx(ctx: Ctx, courseIds: readonly string[], options: { sessions: SessionChoice; label: string }): Promise<Download> {
  const { COLLEGE_LOCALE: locale, COLLEGE_TIMEZONE: timeZone } = ctx.config;
  const now = ctx.clock.now();
  const loaded: CourseAttendance[] = [];
  for (const id of courseIds) loaded.push(await loadCourseAttendance(ctx.db, id, now));
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => stream.on("end", resolve).on("error", reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = "Rollcall";
  wb.created = now;
  const summary = wb.addWorksheet("Summary", { views: frozen(1) });
  summary.columns = [{ width: 14 }, { width: 32 }, { width: 14 }, {}, {}, {}, {}, { style: { numFmt: "0%" } }];
  addHeader(summary, SUMMARY_HEADERS);
  for (const { course, rows, totals } of loaded) {
    const rated = rows.flatMap((r) => (r.rate === null ? [] : [r.rate]));
    summary.addRow([
      course.code, course.title, course.termLabel, course.thresholdPercent, rows.length, rows.filter((r) => !r.student.userId).length, totals.filter((t) => t.held).length,
      rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
      belowThreshold(rows, course.thresholdPercent).length,
    ]).commit();
  }
  summary.addRow([]).commit();
  summary.addRow([`Times are in ${timeZone}. Generated ${formatSortable(now, timeZone)}. Rate = (present + late + excused) ÷ sessions held while enrolled; – = not enrolled then.`]).commit();
  summary.commit();
  const names = sheetNames(loaded.map((l) => l.course.code));
  loaded.forEach((l, i) => courseSheet(wb, names[i]!, l, { timeZone, locale, sessions: options.sessions }));
  await wb.commit();
  await ended;
  const body = new Uint8Array(Buffer.concat(chunks));
  return { filename: `${options.label}-attendance.xlsx`, contentType: XLSX_MEDIA_TYPE, body };
}

/** One course's workbook: its summary row and its sheet. */
export async function courseReportXlsx(ctx: Ctx, courseId: string, options: { sessions: SessionChoice }): Promise<Download> {
  const course = await ctx.db.course.findUnique({ where: { id: courseId }, select: { id: true, code: true, termLabel: true } });
  return termReportXlsx(ctx, [courseId], { ...options, label: course ? courseFileStem(course) : "course" });
}

/** GET /api/courses/report.xlsx: the courses of a term (by code), or the ones named — those whose report the caller may view. */
export async function termReportDownload(ctx: Ctx, viewer: Pick<AuthUser, "id" | "role">, query: TermReportQuery): Promise<Download> {
  const named = query.course_id === undefined ? undefined : [...new Set([query.course_id].flat())];
  const courses = await ctx.db.course.findMany({
    where: { AND: [named ? { id: { in: named } } : { termLabel: query.term }, coursesWhere(viewer, "report:view")] },
    orderBy: [{ code: "asc" }, { termLabel: "asc" }],
    take: MAX_TERM_REPORT_COURSES,
    select: { id: true },
  });
  if (!courses.length || (named && courses.length !== named.length)) throw courseNotFound();
  const label = (query.term ?? "courses").replace(/[^A-Za-z0-9._-]+/g, "_") || "term";
  return termReportXlsx(ctx, courses.map((c) => c.id), { sessions: query.sessions, label });
}
