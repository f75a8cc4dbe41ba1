// A student's own attendance (docs/courses.md, the student's view): grouped by the courses they
// are enrolled in, each with its rate over the sessions held while they were enrolled, the
// sessions missed and a per-session trend. Sessions before their enrolment and events of courses
// they are not enrolled in never count against them; an event they marked outside their courses
// counts as held. "Attended" is present + late; excused is said apart (it still counts for rates).
import type { Ctx } from "../context";
import { NOT_ENROLLED, roundRate, type StudentAttendance } from "../courses/course-attendance";
import type { CourseAttendance } from "../courses/load-course-attendance";
import { loadStudentCourses } from "../courses/load-student-courses";
import type { MyAttendanceOut } from "./schemas";

function courseView(loaded: CourseAttendance, row: StudentAttendance) {
  let attended = 0;
  let held = 0;
  const trend = loaded.sessions.flatMap((s, i) => {
    const cell = row.cells[i] ?? null;
    if (cell === NOT_ENROLLED) return []; // before they were enrolled: not theirs
    if (cell && loaded.totals[i]!.held) {
      held++;
      if (cell !== "A") attended++;
    }
    return [{ event_id: s.id, title: s.title, starts_at: s.startsAt.toISOString(), status: cell, rate: held === 0 ? null : roundRate(attended / held) }];
  });
  const c = loaded.course;
  return {
    course: { id: c.id, code: c.code, title: c.title, term_label: c.termLabel, threshold_percent: c.thresholdPercent },
    present: row.present,
    late: row.late,
    excused: row.excused,
    absent: row.absent,
    sessions_held: row.held,
    rate: row.rate,
    below_threshold: row.rate !== null && row.rate * 100 < c.thresholdPercent,
    missed: trend.filter((t) => t.status === "A").map((t) => ({ event_id: t.event_id, title: t.title, starts_at: t.starts_at })),
    trend,
  };
}

export async function myAttendance(ctx: Ctx, userId: string): Promise<MyAttendanceOut> {
  const now = ctx.clock.now();
  const [records, removals, loaded] = await Promise.all([
    ctx.db.attendanceRecord.findMany({
      where: { userId },
      orderBy: { markedAt: "desc" },
      take: 500,
      select: { markedAt: true, status: true, method: true, event: { select: { id: true, title: true, location: true, startsAt: true, courseId: true } } },
    }),
    ctx.db.attendanceRemoval.findMany({ where: { userId }, orderBy: { removedAt: "desc" }, take: 100, select: { removedAt: true, reason: true, status: true, event: { select: { id: true, title: true } } } }),
    loadStudentCourses(ctx.db, userId, now),
  ]);
  // each course was found through the student's enrolment in it: its first row is theirs
  const courses = loaded.map((l) => courseView(l, l.rows[0]!));
  courses.sort((a, b) => b.course.term_label.localeCompare(a.course.term_label) || a.course.code.localeCompare(b.course.code));
  const mine = new Set(loaded.map((l) => l.course.id));
  const elsewhere = records.filter((r) => !r.event.courseId || !mine.has(r.event.courseId));
  const sum = (f: (c: (typeof courses)[number]) => number) => courses.reduce((n, c) => n + f(c), 0);
  const count = (status: string) => sum((c) => c[status as "present"]) + elsewhere.filter((r) => r.status === status).length;
  const held = sum((c) => c.sessions_held) + elsewhere.length;
  const counted = count("present") + count("late") + count("excused");
  return {
    courses,
    attendance: records.map((r) => ({
      event_id: r.event.id,
      course_id: r.event.courseId,
      title: r.event.title,
      location: r.event.location,
      starts_at: r.event.startsAt.toISOString(),
      marked_at: r.markedAt.toISOString(),
      status: r.status,
      method: r.method,
    })),
    removed: removals.map((r) => ({ event_id: r.event.id, title: r.event.title, removed_at: r.removedAt.toISOString(), reason: r.reason, was_status: r.status })),
    summary: { attended: count("present") + count("late"), present: count("present"), late: count("late"), excused: count("excused"), events_held: held, rate: held === 0 ? null : roundRate(counted / held) },
  };
}
