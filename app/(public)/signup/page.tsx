import type { Metadata } from "next";
import Link from "next/link";
import { SignupForm } from "@/components/auth/SignupForm";

export const metadata: Metadata = { title: "Sign up" };

export default function SignupPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Create a student account</h1>
        <p className="text-slate-600">An administrator approves new accounts, usually within a few minutes. You will see the answer on the next page.</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <SignupForm />
      </div>
      <p className="text-sm text-slate-600">
        Already have an account? <Link href="/login" className="font-semibold text-brand-700 underline">Log in</Link>
      </p>
    </div>
  );
}
