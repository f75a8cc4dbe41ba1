import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RatesChart } from "@/components/charts/RatesChart";
import { SessionsChart } from "@/components/charts/SessionsChart";
import { CourseActions } from "@/components/courses/CourseActions";
import { CourseForm } from "@/components/courses/CourseForm";
import { CourseSessions } from "@/components/courses/CourseSessions";
import { JoinCodePanel } from "@/components/courses/JoinCodePanel";
import { LowAttendanceList } from "@/components/courses/LowAttendanceList";
import { RosterImport } from "@/components/courses/RosterImport";
import { RosterPanel } from "@/components/courses/RosterPanel";
import { SessionSeriesForm } from "@/components/courses/SessionSeriesForm";
import { requirePageUser } from "@/lib/auth/current-user";
import { courseReport } from "@/lib/courses/course-report";
import { getCourse } from "@/lib/courses/get-course";
import { instructorChoices } from "@/lib/courses/instructor-choices";
import { listEnrollments } from "@/lib/courses/list-enrollments";
import { CourseIdParams, EnrollmentListQuery } from "@/lib/courses/schemas";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Course" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" id={id}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, user } = await requirePageUser("admin", `/admin/courses/${id}`);
  if (!CourseIdParams.safeParse({ id }).success) notFound();
  const [course, admins, roster, report] = await Promise.all([
    getCourse(ctx, user.id, id),
    instructorChoices(ctx),
    listEnrollments(ctx, id, EnrollmentListQuery.parse({ status: "enrolled" })),
    courseReport(ctx, id),
  ]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const archived = Boolean(course.archived_at);
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone });
  const held = report.sessions.filter((s) => s.held);
  const rates = report.students.flatMap((s) => (s.rate === null ? [] : [s.rate]));
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <Link href="/admin/courses" className="text-sm underline">← Courses</Link>
        <h1 className="text-2xl font-bold" data-testid="course-title">
          {course.code} <span className="font-semibold text-slate-700">{course.title}</span>
        </h1>
        <p className="text-sm text-slate-600">
          {course.term_label || "No term"} · threshold {course.threshold_percent}% · {course.enrolled_count} enrolled · {course.session_count} sessions
          {archived && <strong className="ml-1 text-slate-800">· archived</strong>}
        </p>
        <p className="text-sm text-slate-600">Taught by {course.instructors.map((i) => i.full_name).join(", ") || "nobody yet"}</p>
        <nav aria-label="On this page" className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
          <a href="#attendance" className="text-brand-700 underline">Attendance</a>
          <a href="#sessions" className="text-brand-700 underline">Sessions</a>
          <a href="#roster" className="text-brand-700 underline">Roster</a>
          <a href="#import" className="text-brand-700 underline">Import</a>
          <a href="#join" className="text-brand-700 underline">Join code</a>
          <a href="#details" className="text-brand-700 underline">Details</a>
        </nav>
      </div>
      <Section id="attendance" title="Attendance this term">
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
          <Link href={`/admin/courses/${course.id}/report`} className="text-brand-700 underline" data-testid="open-report">Full report: students × sessions</Link>
          <a href={`/api/courses/${course.id}/report.csv`} className="text-brand-700 underline" download data-testid="report-csv">Download the report (CSV)</a>
        </p>
        <h3 className="font-semibold">Below the {course.threshold_percent}% threshold</h3>
        <LowAttendanceList students={report.below_threshold} thresholdPercent={course.threshold_percent} held={report.sessions_held} />
        {held.length > 0 && (
          <>
            <SessionsChart sessions={held.map((s) => ({ id: s.id, label: day.format(new Date(s.starts_at)), present: s.totals.present, late: s.totals.late, excused: s.totals.excused, absent: s.totals.absent }))} />
            <RatesChart rates={rates} thresholdPercent={course.threshold_percent} />
          </>
        )}
      </Section>
      <Section id="sessions" title={`Sessions (${report.sessions.length})`}>
        <CourseSessions sessions={report.sessions} now={ctx.clock.now()} />
        <h3 className="font-semibold">Add a weekly series</h3>
        {archived ? <p className="text-slate-600">The course is archived: restore it to add sessions.</p> : <SessionSeriesForm courseId={course.id} timeZone={timeZone} defaultTitle={`${course.code} ${course.title}`} />}
      </Section>
      <Section id="roster" title={`Roster (${roster.enrolled_count})`}>
        <RosterPanel courseId={course.id} enrolled={roster.items} />
      </Section>
      <Section id="import" title="Import a roster">
        <RosterImport courseId={course.id} />
      </Section>
      <Section id="join" title="Join code">
        <JoinCodePanel courseId={course.id} code={course.join_code} appUrl={ctx.config.APP_URL} archived={archived} />
      </Section>
      <Section id="details" title="Course details">
        <CourseForm
          admins={admins}
          meId={user.id}
          initial={{ id: course.id, code: course.code, title: course.title, term_label: course.term_label, threshold_percent: course.threshold_percent, instructor_ids: course.instructors.map((i) => i.id) }}
        />
        <CourseActions id={course.id} code={course.code} archived={archived} sessions={course.session_count} enrolled={course.enrolled_count} />
      </Section>
    </div>
  );
}
