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
import { InvitePanel } from "@/components/courses/InvitePanel";
import { SessionSeriesForm } from "@/components/courses/SessionSeriesForm";
import { StaffPanel } from "@/components/courses/StaffPanel";
import { WarningSettings } from "@/components/courses/WarningSettings";
import { userRights } from "@/lib/auth/authorize";
import { requirePageCapability } from "@/lib/auth/current-user";
import { courseReport } from "@/lib/courses/course-report";
import { BUSY_RETRY_AFTER_SECONDS } from "@/lib/heavy-reads";
import { BusyRetry } from "@/components/ui/BusyRetry";
import { getCourse } from "@/lib/courses/get-course";
import { instructorChoices } from "@/lib/courses/instructor-choices";
import { listCourseStaff } from "@/lib/courses/list-course-staff";
import { listEnrollments } from "@/lib/courses/list-enrollments";
import { CourseIdParams, EnrollmentListQuery } from "@/lib/courses/schemas";
import { isAppError } from "@/lib/errors";
import { formatTime } from "@/lib/time/format";

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
  if (!CourseIdParams.safeParse({ id }).success) notFound();
  const { ctx, user } = await requirePageCapability("course:view", { courseId: id }, `/admin/courses/${id}`);
  // each part of the page as the viewer's role allows (docs/design.md#roles-and-permissions)
  const target = { courseId: id };
  const can = await userRights(ctx, user, target, ["roster:manage", "course:staff", "course:edit", "course:delete", "event:create"]);
  const [manageRoster, manageStaff, edit, remove, addSessions] = [can["roster:manage"], can["course:staff"], can["course:edit"], can["course:delete"], can["event:create"]];
  const [course, admins, roster, report, staff] = await Promise.all([
    getCourse(ctx, user.id, id),
    edit ? instructorChoices(ctx) : [],
    listEnrollments(ctx, id, EnrollmentListQuery.parse({ status: "enrolled" })),
    // the figures are an expensive read: when the server is busy, say so and retry (lib/heavy-reads.ts)
    courseReport(ctx, id).catch((e: unknown) => {
      if (isAppError(e) && e.code === "busy") return null;
      throw e;
    }),
    listCourseStaff(ctx, id),
  ]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  if (!report) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{course.code} {course.title}</h1>
        <BusyRetry retryAfterSeconds={BUSY_RETRY_AFTER_SECONDS} what="course page" />
      </div>
    );
  }
  const archived = Boolean(course.archived_at);
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone });
  const held = report.sessions.filter((s) => s.held);
  const rates = report.students.flatMap((s) => (s.rate === null ? [] : [s.rate]));
  // two sessions on one day are told apart by their start time
  const dayCount = new Map<string, number>();
  for (const s of held) dayCount.set(day.format(new Date(s.starts_at)), (dayCount.get(day.format(new Date(s.starts_at))) ?? 0) + 1);
  const sessionLabel = (iso: string) => {
    const d = day.format(new Date(iso));
    return (dayCount.get(d) ?? 0) > 1 ? `${d} ${formatTime(iso, { timeZone, style: "time", label: false })}` : d;
  };
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
        <p className="text-sm text-slate-600">
          Taught by {course.instructors.map((i) => i.full_name).join(", ") || "nobody yet"}
          {course.assistants.length > 0 && <> · assisted by {course.assistants.map((i) => i.full_name).join(", ")}</>}
        </p>
        <nav aria-label="On this page" className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
          <a href="#attendance" className="text-brand-700 underline">Attendance</a>
          <a href="#sessions" className="text-brand-700 underline">Sessions</a>
          <a href="#roster" className="text-brand-700 underline">Roster</a>
          {manageRoster && <a href="#import" className="text-brand-700 underline">Import</a>}
          {manageRoster && <a href="#join" className="text-brand-700 underline">Join code</a>}
          <a href="#staff" className="text-brand-700 underline">Staff</a>
          {(edit || remove) && <a href="#details" className="text-brand-700 underline">Details</a>}
        </nav>
      </div>
      <Section id="attendance" title="Attendance this term">
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
          <Link href={`/admin/courses/${course.id}/report`} className="text-brand-700 underline" data-testid="open-report">Full report: students × sessions</Link>
          <a href={`/api/courses/${course.id}/report.xlsx`} className="text-brand-700 underline" download data-testid="report-xlsx">Download the report for Excel (.xlsx)</a>
          <a href={`/api/courses/${course.id}/report.csv`} className="text-brand-700 underline" download data-testid="report-csv">CSV</a>
        </p>
        <h3 className="font-semibold">Below the {course.threshold_percent}% threshold</h3>
        <LowAttendanceList students={report.below_threshold} thresholdPercent={course.threshold_percent} held={report.sessions_held} />
        {held.length > 0 && (
          <>
            <SessionsChart sessions={held.map((s) => ({ id: s.id, label: sessionLabel(s.starts_at), present: s.totals.present, late: s.totals.late, excused: s.totals.excused, absent: s.totals.absent }))} />
            <RatesChart rates={rates} thresholdPercent={course.threshold_percent} />
          </>
        )}
        <WarningSettings courseId={course.id} warnAfterSessions={course.warn_after_sessions} warnGraceHours={course.warn_grace_hours} thresholdPercent={course.threshold_percent} />
      </Section>
      <Section id="sessions" title={`Sessions (${report.sessions.length})`}>
        <CourseSessions sessions={report.sessions} now={ctx.clock.now()} />
        {addSessions && (
          <>
            <h3 className="font-semibold">Add a weekly series</h3>
            {archived ? <p className="text-slate-600">The course is archived: restore it to add sessions.</p> : <SessionSeriesForm courseId={course.id} timeZone={timeZone} defaultTitle={course.code} />}
          </>
        )}
      </Section>
      <Section id="roster" title={`Roster (${roster.enrolled_count})${report.no_account_count ? ` · no account yet (${report.no_account_count})` : ""}`}>
        {manageRoster && !archived && <InvitePanel courseId={course.id} now={ctx.clock.now().toISOString()} students={roster.items.filter((e) => !e.user_id)} />}
        <RosterPanel courseId={course.id} enrolled={roster.items} canManage={manageRoster} />
      </Section>
      {manageRoster && (
        <>
          <Section id="import" title="Import a roster">
            <RosterImport courseId={course.id} />
          </Section>
          <Section id="join" title="Join code">
            <JoinCodePanel courseId={course.id} code={course.join_code} appUrl={ctx.config.APP_URL} archived={archived} />
          </Section>
        </>
      )}
      <Section id="staff" title="Instructors and teaching assistants">
        <StaffPanel courseId={course.id} members={staff.items} meId={user.id} canManage={manageStaff} />
      </Section>
      {(edit || remove) && (
        <Section id="details" title="Course details">
          {edit && (
            <CourseForm
              admins={admins}
              meId={user.id}
              initial={{ id: course.id, code: course.code, title: course.title, term_label: course.term_label, threshold_percent: course.threshold_percent, instructor_ids: course.instructors.map((i) => i.id) }}
            />
          )}
          <CourseActions id={course.id} code={course.code} archived={archived} sessions={course.session_count} enrolled={course.enrolled_count} marks={report.sessions.reduce((n, s) => n + s.totals.present + s.totals.late + s.totals.excused, 0)} canEdit={edit} canDelete={remove} />
        </Section>
      )}
    </div>
  );
}
