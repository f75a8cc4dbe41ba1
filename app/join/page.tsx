import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinForm } from "@/components/courses/JoinForm";
import { currentRequest } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Join a course" };

/** A student enrols with the code (or the link) their lecturer gave them. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const raw = (await searchParams).code;
  const code = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 32) ?? "";
  const { user } = await currentRequest();
  if (!user) redirect(`/login?next=${encodeURIComponent(code ? `/join?code=${code}` : "/join")}`);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Join a course</h1>
      {user.role === "student" ? (
        <JoinForm initialCode={code} />
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="join-not-student">
          Join codes are for students. To put someone on a course, enrol them from its <Link href="/admin/courses" className="font-medium text-brand-700 underline">course page</Link>.
        </p>
      )}
    </div>
  );
}
