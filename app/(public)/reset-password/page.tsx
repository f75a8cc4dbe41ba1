import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/PasswordForms";

export const metadata: Metadata = { title: "Choose a new password" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw.slice(0, 200) : "";
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Choose a new password</h1>
        <p className="text-slate-600">Choosing it signs you out on every device. Your passkeys keep working.</p>
      </div>
      {token ? (
        <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
          <ResetPasswordForm token={token} />
        </div>
      ) : (
        <p data-testid="reset-missing" className="text-slate-700">
          This page needs the whole link from the mail. Open the mail again, or{" "}
          <Link href="/forgot-password" className="font-semibold text-brand-700 underline">ask for a new link</Link>.
        </p>
      )}
    </div>
  );
}
