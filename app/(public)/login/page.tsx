import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { LoginForm } from "@/components/auth/LoginForm";
import { SavedScanNote } from "@/components/auth/SavedScanNote";
import { findSavedScan } from "@/lib/attendance/saved-scan";
import { RECEIPT_COOKIE } from "@/lib/attendance/scan-receipt";
import { currentRequest } from "@/lib/auth/current-user";
import { homeFor, safeNextPath } from "@/lib/auth/safe-next";
import { getConfig } from "@/lib/config";
import { passkeySupport } from "@/lib/passkeys/relying-party";

export const metadata: Metadata = { title: "Log in" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const next = safeNextPath(one(params.next));
  const { ctx, user } = await currentRequest();
  if (user) redirect(next ?? homeFor(user.role));
  const support = passkeySupport(getConfig());
  const passkeys = { available: support.available, reason: support.available ? null : support.reason };
  // the deep link "your scan is saved, log in to finish" offers the passkey first: the quickest way in
  const scanned = one(params.scanned) === "1";
  const saved = scanned ? await findSavedScan(ctx, (await cookies()).get(RECEIPT_COOKIE)?.value) : null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      {saved && (
        <SavedScanNote scannedAt={saved.scannedAt.toISOString()} expiresAt={saved.expiresAt.toISOString()} serverNow={ctx.clock.now().toISOString()} eventTitle={saved.eventTitle} />
      )}
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Log in</h1>
        <p className="text-slate-600">Use the email and password you signed up with.</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <LoginForm next={next} initialEmail={one(params.email)?.slice(0, 254)} passkeys={passkeys} preferPasskey={scanned} />
      </div>
      <p className="text-sm text-slate-600">
        New here? <Link href="/signup" className="font-semibold text-brand-700 underline">Create a student account</Link>
      </p>
    </div>
  );
}
