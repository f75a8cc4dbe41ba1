// GET /api/courses/{id}/report (JSON) and report.csv: the students × sessions matrix (P/L/E/A,
// "-" before the student was enrolled), each student's counts and rate over the sessions held
// while they were enrolled, who is below the threshold, per-session totals for the stacked chart
// and the distribution of rates. Every figure comes from computeCourseAttendance. The JSON is
// built once per course version and reused while nothing changed (report-cache.ts).
import type { Ctx } from "../context";
import type { Download } from "../http-download";
import { belowThreshold, rateDistribution, type StudentAttendance } from "./course-attendance";
import { csvFile, csvSeparatorFor, localNumber } from "./csv-file";
import { loadCourseAttendance, type CourseAttendance } from "./load-course-attendance";
import { ReportCache, readReportKey } from "./report-cache";
import { heavyRead } from "../heavy-reads";
import { CSV_MEDIA_TYPE, type ReportCsvQuery } from "./report-schemas";
import { cellText, courseFileStem, reportTable } from "./report-table";
import type { CourseReportOut } from "./schemas";

const studentJson = (r: StudentAttendance) => ({
  enrollment_id: r.student.enrollmentId,
  user_id: r.student.userId,
  full_name: r.student.fullName,
  email: r.student.email,
  student_number: r.student.studentNumber,
  present: r.present,
  late: r.late,
  excused: r.excused,
  absent: r.absent,
  /** came: present + late (excused counts for the rate but is said apart) */
  attended: r.present + r.late,
  sessions_held: r.held,
  rate: r.rate,
});

type ReportBody = ReturnType<typeof reportBody>;
interface BuiltReport {
  body: ReportBody;
  /** the body as JSON without its opening brace: the API answer is `{"generated_at":…,` + this */
  jsonTail: string;
}

const cache = new ReportCache<BuiltReport>();

function reportBody(loaded: CourseAttendance, timeZone: string): Omit<CourseReportOut, "generated_at"> {
  const { course, rows, totals } = loaded;
  const below = belowThreshold(rows, course.thresholdPercent);
  return {
    course: {
      id: course.id, code: course.code, title: course.title, term_label: course.termLabel, threshold_percent: course.thresholdPercent,
      warn_after_sessions: course.warnAfterSessions, warn_grace_hours: course.warnGraceHours,
    },
    time_zone: timeZone,
    sessions: totals.map((t) => ({
      id: t.session.id,
      title: t.session.title,
      starts_at: t.session.startsAt.toISOString(),
      ends_at: t.session.endsAt.toISOString(),
      held: t.held,
      totals: { present: t.present, late: t.late, excused: t.excused, absent: t.absent, not_marked: t.not_marked },
    })),
    sessions_held: totals.filter((t) => t.held).length,
    students: rows.map((r) => ({ ...studentJson(r), cells: r.cells })),
    no_account_count: rows.filter((r) => !r.student.userId).length,
    below_threshold: below.map(studentJson),
    rate_distribution: rateDistribution(rows),
  };
}

/** While the report reads the same by the clock alone: from the last session end up to now to the next one. */
function timeWindow(loaded: CourseAttendance, now: Date) {
  let validFrom = -Infinity;
  let validUntil = Infinity;
  for (const s of loaded.sessions) {
    const end = s.endsAt.getTime();
    if (end <= now.getTime()) validFrom = Math.max(validFrom, end);
    else validUntil = Math.min(validUntil, end);
  }
  return { validFrom, validUntil };
}

/** The report's body for the course as it is now: from the cache while its key holds. */
async function currentReport(ctx: Ctx, courseId: string, now: Date): Promise<BuiltReport> {
  const { key, course } = await readReportKey(ctx.db, courseId);
  // building is an expensive read (lib/heavy-reads.ts); a cached report, or one being built, is not
  return cache.get(courseId, key, now.getTime(), () =>
    heavyRead(ctx, async () => {
      const loaded = await loadCourseAttendance(ctx.db, courseId, now, undefined, course);
      const body = reportBody(loaded, ctx.config.COLLEGE_TIMEZONE);
      return { value: { body, jsonTail: JSON.stringify(body).slice(1) }, ...timeWindow(loaded, now) };
    }),
  );
}

export async function courseReport(ctx: Ctx, courseId: string) {
  const now = ctx.clock.now();
  const { body } = await currentReport(ctx, courseId, now);
  return { generated_at: now.toISOString(), ...body };
}

/** GET /api/courses/{id}/report: the cached JSON as it is, with this moment's generated_at. */
export async function courseReportResponse(ctx: Ctx, courseId: string): Promise<Response> {
  const now = ctx.clock.now();
  const { jsonTail } = await currentReport(ctx, courseId, now);
  return new Response(`{"generated_at":${JSON.stringify(now.toISOString())},${jsonTail}`, { headers: { "content-type": "application/json" } });
}

export type CourseReport = Awaited<ReturnType<typeof courseReport>>;

/** The header words of a student row (after the session columns come the totals). */
export const STUDENT_HEADERS = ["Name", "Email", "Student number"] as const;
export const TOTAL_HEADERS = ["Present", "Late", "Excused", "Absent", "Attended", "Held", "Rate %"] as const;

export async function courseReportCsv(ctx: Ctx, courseId: string, query: ReportCsvQuery): Promise<Download> {
  const { COLLEGE_LOCALE: locale, COLLEGE_TIMEZONE: timeZone } = ctx.config;
  const loaded = await loadCourseAttendance(ctx.db, courseId, ctx.clock.now());
  const { columns, rows } = reportTable(loaded, { timeZone, locale, sessions: query.sessions });
  const header = [...STUDENT_HEADERS, ...columns.map((c) => c.header), ...TOTAL_HEADERS];
  const body = rows.map(({ row, cells }) => [
    row.student.fullName,
    row.student.email,
    row.student.studentNumber ?? "",
    ...cells.map(cellText),
    row.present,
    row.late,
    row.excused,
    row.absent,
    row.present + row.late,
    row.held,
    row.rate === null ? "" : localNumber(locale, row.rate * 100),
  ]);
  return {
    filename: `${courseFileStem(loaded.course)}-attendance.csv`,
    contentType: CSV_MEDIA_TYPE,
    body: csvFile(header, body, query.separator ?? csvSeparatorFor(locale)),
  };
}
