import type { Metadata } from "next";
import Link from "next/link";
import { UnsubscribeButton } from "@/components/mail/UnsubscribeButton";
import { getConfig } from "@/lib/config";
import { describeUnsubscribeToken } from "@/lib/mail/unsubscribe";

export const metadata: Metadata = { title: "Stop a mail" };

// Opened from the link at the foot of a notice mail. Nothing changes on GET (mail scanners open
// links): the button below makes the change, through the same one-click endpoint as the header.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const named = token ? describeUnsubscribeToken({ config: getConfig() }, token) : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Stop a mail</h1>
      {named ? (
        <>
          <p>
            Stop mails about <strong data-testid="unsubscribe-label">“{named.label}”</strong>? Mail about your account (address checks, password resets,
            signup decisions) still arrives.
          </p>
          <UnsubscribeButton token={token} label={named.label} />
        </>
      ) : (
        <p data-testid="unsubscribe-invalid" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900">
          This link is not complete or not from this Rollcall. Open it again from the mail, or <Link href="/security" className="font-medium underline">change your mail settings</Link> after signing in.
        </p>
      )}
    </div>
  );
}
