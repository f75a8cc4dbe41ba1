import type { Metadata } from "next";
import Link from "next/link";
import { Field, buttonClass, inputClass } from "@/components/admin/ui";
import { CourseCard } from "@/components/courses/CourseCard";
import { CourseForm } from "@/components/courses/CourseForm";
import { requireStaffArea } from "@/lib/auth/current-user";
import { allows } from "@/lib/auth/policy";
import { instructorChoices } from "@/lib/courses/instructor-choices";
import { listCourses } from "@/lib/courses/list-courses";
import { CourseListQuery } from "@/lib/courses/schemas";

export const metadata: Metadata = { title: "Courses" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function CoursesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx, user } = await requireStaffArea("/admin/courses");
  const mayCreate = allows(user, "course:create", { kind: "site" });
  const sp = await searchParams;
  const parsed = CourseListQuery.safeParse({ q: one(sp.q), archived: one(sp.archived) === "true" ? "true" : "false", limit: "500" });
  const query = parsed.success ? parsed.data : CourseListQuery.parse({});
  const [{ items }, admins] = await Promise.all([listCourses(ctx, user, query), mayCreate ? instructorChoices(ctx) : []]);
  const mine = items.filter((c) => c.my_role !== null);
  const others = items.filter((c) => c.my_role === null);
  const archived = query.archived === "true";
  const toggle = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(archived ? {} : { archived: "true" }) }).toString();

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{archived ? "Archived courses" : "Courses"}</h1>
        <Link href={`/admin/courses${toggle ? `?${toggle}` : ""}`} className="text-sm font-medium text-brand-700 underline">
          {archived ? "Show current courses" : "Show archived courses"}
        </Link>
      </div>
      <form method="get" action="/admin/courses" role="search" aria-label="Search courses" className="flex flex-wrap items-end gap-2">
        {archived && <input type="hidden" name="archived" value="true" />}
        <div className="min-w-48 flex-1">
          <Field label="Search">
            <input name="q" type="search" defaultValue={query.q} placeholder="code, title or term" className={inputClass} />
          </Field>
        </div>
        <button type="submit" className={`${buttonClass} min-h-11`}>Search</button>
      </form>
      {!parsed.success && <p className="text-sm text-rose-700">That search is not valid; showing every course.</p>}

      <section aria-labelledby="mine-heading" className="space-y-3">
        <h2 id="mine-heading" className="text-lg font-semibold">My courses ({mine.length})</h2>
        {mine.length === 0 ? (
          <p className="text-slate-600" data-testid="my-courses-empty">{query.q ? "None of your courses match." : mayCreate ? "You do not teach any course yet. Create one below." : "You do not teach or assist any course yet."}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="my-courses">
            {mine.map((c) => <CourseCard key={c.id} course={c} />)}
          </ul>
        )}
      </section>
      {others.length > 0 && (
        <section aria-labelledby="others-heading" className="space-y-3">
          <h2 id="others-heading" className="text-lg font-semibold">Other courses ({others.length})</h2>
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="other-courses">
            {others.map((c) => <CourseCard key={c.id} course={c} />)}
          </ul>
        </section>
      )}
      {!archived && mayCreate && (
        <section aria-labelledby="new-course-heading" className="space-y-3">
          <h2 id="new-course-heading" className="text-lg font-semibold">New course</h2>
          <CourseForm admins={admins} meId={user.id} />
        </section>
      )}
    </div>
  );
}
