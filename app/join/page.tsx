import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinForm } from "@/components/courses/JoinForm";
import { currentRequest } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Join a course" };

/** A student enrols with the code (or the link) their lecturer gave them; without an account, they sign up with it. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const raw = (await searchParams).code;
  const code = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 32) ?? "";
  const { user } = await currentRequest();
  const login = `/login?next=${encodeURIComponent(code ? `/join?code=${code}` : "/join")}`;
  if (!user && !code) redirect(login);
  if (!user) {
    // a join link opened without an account: sign up with the code (the course's instructors
    // then approve and enrol), or log in and join
    return (
      <div className="mx-auto max-w-md space-y-6" data-testid="join-signed-out">
        <h1 className="text-2xl font-bold">Join a course</h1>
        <p className="text-slate-700">Your lecturer gave you the code <strong className="font-mono">{code.toUpperCase()}</strong>.</p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href={`/signup?code=${encodeURIComponent(code)}`} className="rounded-lg bg-brand-700 px-5 py-3 text-center font-semibold text-white hover:bg-brand-900" data-testid="join-signup">
            Create an account with this code
          </Link>
          <Link href={login} className="rounded-lg border border-slate-300 bg-white px-5 py-3 text-center font-semibold text-slate-900">I have an account: log in</Link>
        </div>
      </div>
    );
  }
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
