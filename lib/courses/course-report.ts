// GET /api/courses/{id}/report (JSON) and report.csv: the students × sessions matrix (P/L/E/A),
// each student's counts and rate over the sessions held so far, who is below the threshold,
// per-session totals for the stacked chart, and the distribution of rates.
import { toCsv } from "../attendance/roster-csv";
import type { Ctx } from "../context";
import { belowThreshold, rateDistribution, type StudentAttendance } from "./course-attendance";
import { loadCourseAttendance } from "./load-course-attendance";

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
  sessions_held: r.held,
  rate: r.rate,
});

export async function courseReport(ctx: Ctx, courseId: string) {
  const now = ctx.clock.now();
  const { course, rows, totals } = await loadCourseAttendance(ctx.db, courseId, now);
  const below = belowThreshold(rows, course.thresholdPercent);
  return {
    course: { id: course.id, code: course.code, title: course.title, term_label: course.termLabel, threshold_percent: course.thresholdPercent },
    generated_at: now.toISOString(),
    sessions: totals.map((t) => ({
      id: t.session.id,
      title: t.session.title,
      starts_at: t.session.startsAt.toISOString(),
      held: t.held,
      totals: { present: t.present, late: t.late, excused: t.excused, absent: t.absent, not_marked: t.not_marked },
    })),
    sessions_held: totals.filter((t) => t.held).length,
    students: rows.map((r) => ({ ...studentJson(r), cells: r.cells })),
    below_threshold: below.map(studentJson),
    rate_distribution: rateDistribution(rows),
  };
}

export type CourseReport = Awaited<ReturnType<typeof courseReport>>;

export async function courseReportCsv(ctx: Ctx, courseId: string): Promise<{ filename: string; csv: string }> {
  const report = await courseReport(ctx, courseId);
  const header = ["full_name", "email", "student_number", ...report.sessions.map((s) => s.starts_at.slice(0, 10)), "present", "late", "excused", "absent", "sessions_held", "rate_percent"];
  const rows = report.students.map((s) => [
    s.full_name,
    s.email,
    s.student_number ?? "",
    ...s.cells.map((c) => c ?? ""),
    s.present,
    s.late,
    s.excused,
    s.absent,
    s.sessions_held,
    s.rate === null ? "" : Math.round(s.rate * 1000) / 10,
  ]);
  const safe = `${report.course.code}-${report.course.term_label}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return { filename: `attendance-${safe}.csv`, csv: toCsv(header, rows) };
}
