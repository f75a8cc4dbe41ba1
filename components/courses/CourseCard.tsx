import Link from "next/link";
import type { CourseJson } from "@/lib/courses/serialize";

/** One course in a list: a card that reads the same on a phone and a desktop. */
export function CourseCard({ course: c }: { course: CourseJson }) {
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4" data-testid="course-card" data-code={c.code}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <Link href={`/admin/courses/${c.id}`} className="text-lg font-semibold text-brand-700 underline">
          {c.code}<span className="sr-only"> {c.term_label}</span>
        </Link>
        <span className="text-sm text-slate-600">{c.term_label || "No term"}</span>
        {c.archived_at && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800">archived</span>}
        {c.my_role === "assistant" && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-semibold text-blue-900" data-testid="course-card-assistant">you assist</span>}
      </p>
      <p className="font-medium">{c.title}</p>
      <p className="mt-1 text-sm text-slate-600">
        {c.enrolled_count} enrolled · {c.session_count} session{c.session_count === 1 ? "" : "s"} · threshold {c.threshold_percent}%
      </p>
      <p className="text-sm text-slate-600">Taught by {c.instructors.length ? c.instructors.map((i) => i.full_name).join(", ") : "nobody yet"}</p>
    </li>
  );
}
