import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmail } from "@/components/auth/VerifyEmail";

export const metadata: Metadata = { title: "Confirm your email" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function VerifyEmailPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw.slice(0, 200) : "";
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Confirm your email</h1>
      {token ? (
        <>
          <p className="text-slate-700">One last step: confirm that this mailbox is yours. Then you are signed in, or — if you are not on a course roster — your account waits for an administrator&apos;s approval.</p>
          <ConfirmEmail token={token} />
        </>
      ) : (
        <p data-testid="verify-missing" className="text-slate-700">
          This page needs the whole link from the mail. Open the mail again and use its button, or{" "}
          <Link href="/check-inbox" className="font-semibold text-brand-700 underline">type the 6-digit code</Link> instead.
        </p>
      )}
    </div>
  );
}
