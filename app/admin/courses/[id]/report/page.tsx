import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LowAttendanceList } from "@/components/courses/LowAttendanceList";
import { ReportDownloads } from "@/components/courses/ReportDownloads";
import { ReportMatrix } from "@/components/courses/ReportMatrix";
import { requirePageCapability } from "@/lib/auth/current-user";
import { courseReport } from "@/lib/courses/course-report";
import { CourseIdParams } from "@/lib/courses/schemas";
import { csvSeparatorFor } from "@/lib/courses/csv-file";
import { isAppError } from "@/lib/errors";
import { BUSY_RETRY_AFTER_SECONDS } from "@/lib/heavy-reads";
import { BusyRetry } from "@/components/ui/BusyRetry";
import { formatTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Course report" };

export default async function CourseReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requirePageCapability("report:view", { courseId: id }, `/admin/courses/${id}/report`);
  if (!CourseIdParams.safeParse({ id }).success) notFound();
  const report = await courseReport(ctx, id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    if (isAppError(e) && e.code === "busy") return null;
    throw e;
  });
  if (!report) {
    return (
      <div className="space-y-4">
        <Link href={`/admin/courses/${id}`} className="text-sm underline">← Course</Link>
        <h1 className="text-2xl font-bold" data-testid="report-title">Attendance report</h1>
        <BusyRetry retryAfterSeconds={BUSY_RETRY_AFTER_SECONDS} what="report" />
      </div>
    );
  }
  const { course } = report;
  const timeZone = ctx.config.COLLEGE_TIMEZONE;
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href={`/admin/courses/${course.id}`} className="text-sm underline">← {course.code}</Link>
        <h1 className="text-2xl font-bold" data-testid="report-title">Attendance report: {course.code} {course.title}</h1>
        <p className="text-sm text-slate-700">
          {course.term_label || "No term"} · {report.sessions_held} of {report.sessions.length} sessions held · {report.students.length} students
          {report.no_account_count > 0 && <> (<span data-testid="report-no-account">no account yet: {report.no_account_count}</span>)</>} · threshold {course.threshold_percent}%
        </p>
        <ReportDownloads courseId={course.id} defaultSeparator={csvSeparatorFor(ctx.config.COLLEGE_LOCALE)} />
      </div>
      <section aria-labelledby="below-heading" className="space-y-3">
        <h2 id="below-heading" className="text-lg font-semibold">Below the threshold</h2>
        <LowAttendanceList students={report.below_threshold} thresholdPercent={course.threshold_percent} held={report.sessions_held} />
      </section>
      <section aria-labelledby="matrix-heading" className="space-y-3">
        <h2 id="matrix-heading" className="text-lg font-semibold">Students × sessions</h2>
        <p className="text-sm text-slate-700">
          P present · L late · E excused · A absent · – not enrolled then (does not count) · blank: not held yet. Rate = (present + late + excused) ÷ sessions held while enrolled. Times in {timeZone}.
        </p>
        <ReportMatrix
          sessions={report.sessions.map((s) => ({ id: s.id, title: s.title, label: day.format(new Date(s.starts_at)).replace(",", ""), time: formatTime(s.starts_at, { timeZone, style: "time", label: false }), held: s.held }))}
          students={report.students}
          thresholdPercent={course.threshold_percent}
        />
      </section>
    </div>
  );
}
