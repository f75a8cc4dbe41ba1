import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseActions } from "@/components/courses/CourseActions";
import { CourseForm } from "@/components/courses/CourseForm";
import { JoinCodePanel } from "@/components/courses/JoinCodePanel";
import { RosterImport } from "@/components/courses/RosterImport";
import { RosterPanel } from "@/components/courses/RosterPanel";
import { requirePageUser } from "@/lib/auth/current-user";
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
  const [course, admins, roster] = await Promise.all([
    getCourse(ctx, user.id, id),
    instructorChoices(ctx),
    listEnrollments(ctx, id, EnrollmentListQuery.parse({ status: "enrolled" })),
  ]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const archived = Boolean(course.archived_at);
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
          <a href="#roster" className="text-brand-700 underline">Roster</a>
          <a href="#import" className="text-brand-700 underline">Import</a>
          <a href="#join" className="text-brand-700 underline">Join code</a>
          <a href="#details" className="text-brand-700 underline">Details</a>
        </nav>
      </div>
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
