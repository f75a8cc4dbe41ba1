import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LowAttendanceList } from "@/components/courses/LowAttendanceList";
import { ReportMatrix } from "@/components/courses/ReportMatrix";
import { requirePageUser } from "@/lib/auth/current-user";
import { courseReport } from "@/lib/courses/course-report";
import { CourseIdParams } from "@/lib/courses/schemas";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Course report" };

export default async function CourseReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageUser("admin", `/admin/courses/${id}/report`);
  if (!CourseIdParams.safeParse({ id }).success) notFound();
  const report = await courseReport(ctx, id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const { course } = report;
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: ctx.config.COLLEGE_TIMEZONE });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href={`/admin/courses/${course.id}`} className="text-sm underline">← {course.code}</Link>
        <h1 className="text-2xl font-bold" data-testid="report-title">Attendance report: {course.code} {course.title}</h1>
        <p className="text-sm text-slate-700">
          {course.term_label || "No term"} · {report.sessions_held} of {report.sessions.length} sessions held · {report.students.length} students · threshold {course.threshold_percent}%
        </p>
        <p className="text-sm">
          <a href={`/api/courses/${course.id}/report.csv`} download className="font-medium text-brand-700 underline" data-testid="report-csv">Download as CSV (opens in a spreadsheet)</a>
        </p>
      </div>
      <section aria-labelledby="below-heading" className="space-y-3">
        <h2 id="below-heading" className="text-lg font-semibold">Below the threshold</h2>
        <LowAttendanceList students={report.below_threshold} thresholdPercent={course.threshold_percent} held={report.sessions_held} />
      </section>
      <section aria-labelledby="matrix-heading" className="space-y-3">
        <h2 id="matrix-heading" className="text-lg font-semibold">Students × sessions</h2>
        <p className="text-sm text-slate-700">
          P present · L late · E excused · A absent · blank: not enrolled then, or not held yet. Rate = (present + late + excused) ÷ sessions held while enrolled.
        </p>
        <ReportMatrix
          sessions={report.sessions.map((s) => ({ id: s.id, title: s.title, label: day.format(new Date(s.starts_at)), held: s.held }))}
          students={report.students}
          thresholdPercent={course.threshold_percent}
        />
      </section>
    </div>
  );
}
