import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/PasswordForms";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Forgot your password?</h1>
        <p className="text-slate-600">Type the email you signed up with. We mail you a link to choose a new password.</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <ForgotPasswordForm minutes={getConfig().PASSWORD_RESET_MINUTES} />
      </div>
      <p className="text-sm text-slate-600">
        Remembered it? <Link href="/login" className="font-semibold text-brand-700 underline">Log in</Link>
      </p>
    </div>
  );
}
