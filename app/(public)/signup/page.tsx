import type { Metadata } from "next";
import Link from "next/link";
import { SignupForm } from "@/components/auth/SignupForm";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign up" };

/**
 * An invitation's link carries the invited address (?email=…), a join link the course's code
 * (?code=…): the form starts with them.
 */
export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const raw = sp.email;
  const invited = typeof raw === "string" && raw.length <= 254 ? raw.trim() : "";
  const code = sp.code;
  const joinCode = typeof code === "string" && /^[A-Za-z0-9 -]{4,32}$/.test(code) ? code : "";
  const { sso, AUTH_PASSWORDS } = getConfig();
  if (sso && AUTH_PASSWORDS === "students-off") {
    // students-off: accounts open at the first sign-in with the college account (docs/authentication.md#single-sign-on)
    return (
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-2xl font-bold">Sign in with your {sso.displayName} account</h1>
        <p className="text-slate-600" data-testid="signup-off">
          Students do not create a password here: sign in with your {sso.displayName} account and your Rollcall account opens by itself. If you are
          on a course&apos;s roster you are in at once; otherwise an administrator approves you, usually within a few minutes.
        </p>
        <Link href="/login" className="block rounded-lg bg-brand-700 px-5 py-3 text-center font-semibold text-white hover:bg-brand-900">Go to sign-in</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Create a student account</h1>
        <p className="text-slate-600">
          We mail you a link to confirm your college email. If you are on a course&apos;s roster you are in as soon as you confirm; with a course
          join code that course&apos;s instructors approve you; otherwise an administrator does, usually within a few minutes.
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <SignupForm defaultEmail={invited} initialJoinCode={joinCode} />
      </div>
      <p className="text-sm text-slate-600">
        Already have an account? <Link href="/login" className="font-semibold text-brand-700 underline">Log in</Link>
      </p>
    </div>
  );
}
