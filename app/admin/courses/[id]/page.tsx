import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseActions } from "@/components/courses/CourseActions";
import { CourseForm } from "@/components/courses/CourseForm";
import { requirePageUser } from "@/lib/auth/current-user";
import { getCourse } from "@/lib/courses/get-course";
import { instructorChoices } from "@/lib/courses/instructor-choices";
import { CourseIdParams } from "@/lib/courses/schemas";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Course" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx, user } = await requirePageUser("admin", `/admin/courses/${id}`);
  if (!CourseIdParams.safeParse({ id }).success) notFound();
  const [course, admins] = await Promise.all([getCourse(ctx, user.id, id), instructorChoices(ctx)]).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/admin/courses" className="text-sm underline">← Courses</Link>
        <h1 className="text-2xl font-bold" data-testid="course-title">
          {course.code} <span className="font-semibold text-slate-700">{course.title}</span>
        </h1>
        <p className="text-sm text-slate-600">
          {course.term_label || "No term"} · threshold {course.threshold_percent}% · {course.enrolled_count} enrolled · {course.session_count} sessions
          {course.archived_at && <strong className="ml-1 text-slate-800">· archived</strong>}
        </p>
        <p className="text-sm text-slate-600">Taught by {course.instructors.map((i) => i.full_name).join(", ") || "nobody yet"}</p>
      </div>
      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">Course details</h2>
        <CourseForm
          admins={admins}
          meId={user.id}
          initial={{ id: course.id, code: course.code, title: course.title, term_label: course.term_label, threshold_percent: course.threshold_percent, instructor_ids: course.instructors.map((i) => i.id) }}
        />
        <CourseActions id={course.id} code={course.code} archived={Boolean(course.archived_at)} sessions={course.session_count} enrolled={course.enrolled_count} />
      </section>
    </div>
  );
}
