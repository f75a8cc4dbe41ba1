import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { LoginForm } from "@/components/auth/LoginForm";
import { SsoSignIn } from "@/components/auth/SsoSignIn";
import { wordsFor } from "@/lib/client/error-words";
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

/** Refusals a single sign-on comes back with (`?error=<code>`, lib/auth/sso/sso-failure.ts); anything else reads as sso_failed. */
const SIGN_IN_REFUSALS = new Set(["sso_failed", "account_pending", "account_rejected", "account_expired", "account_deactivated", "conflict"]);
function signInRefusal(error: string | undefined) {
  if (!error) return null;
  const code = SIGN_IN_REFUSALS.has(error) ? error : "sso_failed";
  return { code, ...wordsFor(code) };
}

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
  const { sso, AUTH_PASSWORDS } = getConfig();
  const studentsOff = sso !== null && AUTH_PASSWORDS === "students-off";
  const refusal = signInRefusal(one(params.error));
  return (
    <div className="mx-auto max-w-md space-y-6">
      {saved && (
        <SavedScanNote scannedAt={saved.scannedAt.toISOString()} expiresAt={saved.expiresAt.toISOString()} serverNow={ctx.clock.now().toISOString()} eventTitle={saved.eventTitle} />
      )}
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Log in</h1>
        <p className="text-slate-600">
          {sso ? `Use your ${sso.displayName} account${studentsOff ? "" : ", or the email and password you signed up with"}.` : "Use the email and password you signed up with."}
        </p>
      </div>
      {refusal && (
        <div role="status" data-testid="sso-error" data-code={refusal.code} className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{refusal.title}</p>
          <p>{refusal.text}</p>
        </div>
      )}
      {studentsOff && <p className="text-sm text-slate-600" data-testid="students-off-note">Students sign in with their {sso.displayName} account or a passkey they added. Staff may also use their email and password.</p>}
      <div className="rounded-xl border border-slate-200 bg-white p-5 sm:p-6">
        <LoginForm next={next} initialEmail={one(params.email)?.slice(0, 254)} passkeys={passkeys} preferPasskey={scanned}
          sso={sso ? <SsoSignIn displayName={sso.displayName} next={next} /> : null} />
      </div>
      <p className="text-sm text-slate-600">
        <Link href="/forgot-password" data-testid="forgot-password" className="font-semibold text-brand-700 underline">Forgot password?</Link>
      </p>
      {!studentsOff && (
        <p className="text-sm text-slate-600">
          New here? <Link href="/signup" className="font-semibold text-brand-700 underline">Create a student account</Link>
        </p>
      )}
    </div>
  );
}
