import type { Metadata } from "next";
import Link from "next/link";
import { CheckInbox } from "@/components/auth/VerifyEmail";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Check your inbox" };

export default function CheckInboxPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Check your inbox</h1>
      <CheckInbox hours={getConfig().EMAIL_VERIFICATION_HOURS} />
      <p className="text-sm text-slate-600">
        Already confirmed? <Link href="/login" className="font-semibold text-brand-700 underline">Log in</Link>
      </p>
    </div>
  );
}
