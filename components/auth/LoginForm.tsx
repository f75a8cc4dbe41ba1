"use client";
// The login form: next-auth's Credentials sign-in (the same login use case as the API), with
// the use case's own refusal messages: pending, rejected, expired, deactivated, locked, limited.
// Beside it, "Sign in with a passkey" (first when a saved scan is waiting: the quickest way in),
// or, when this server cannot offer passkeys, a plain note why.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { saveSignupHandoff, saveVerifyHandoff } from "@/lib/accounts/signup-handoff";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PasskeySignIn } from "@/components/passkeys/PasskeySignIn";
import { markPasswordSignIn } from "@/components/passkeys/PasskeyOffer";
import { clientError, type ClientError } from "@/lib/client/call-api";
import { goAfterSignIn, parseRefusal, type RefusalDetails } from "./sign-in-result";
import { ResendMail } from "./VerifyEmail";

export interface PasskeyAvailability {
  available: boolean;
  /** why not, in plain words (APP_URL is an IP address) */
  reason: string | null;
}

/**
 * `sso`: the "Sign in with <college>" button when single sign-on is configured — first, or right
 * after the passkey when a saved scan prefers the passkey (the quickest way in).
 */
export function LoginForm({ next, initialEmail, passkeys, preferPasskey = false, sso = null }: { next: string | null; initialEmail?: string; passkeys: PasskeyAvailability; preferPasskey?: boolean; sso?: React.ReactNode }) {
  const [email, setEmail] = useState(initialEmail ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated(); // submitting before hydration would post the form to the page itself
  const [refusal, setRefusal] = useState<ClientError | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const res = await signIn("credentials", { redirect: false, email, password });
      if (!res || res.error || !res.ok) {
        const r = parseRefusal(res?.error ?? "");
        const token = (r.details as RefusalDetails | undefined)?.status_token;
        if (r.code === "account_pending" && token) saveSignupHandoff({ status_token: token, email });
        if (r.code === "email_unverified") saveVerifyHandoff(email.trim());
        setRefusal(r);
        setBusy(false);
        return;
      }
      markPasswordSignIn(); // a phone may offer to add a passkey on the next page
      await goAfterSignIn(next);
    } catch {
      setRefusal(clientError("offline", 0));
      setBusy(false);
    }
  }

  const rejectedReason = refusal?.code === "account_rejected" ? (refusal.details as RefusalDetails | undefined)?.reason : null;
  const passkey = passkeys.available ? <PasskeySignIn next={next} prominent={preferPasskey} onRefusal={setRefusal} /> : null;
  const or = <p className="flex items-center gap-3 text-sm text-slate-500" aria-hidden="true"><span className="h-px flex-1 bg-slate-200" />or<span className="h-px flex-1 bg-slate-200" /></p>;
  return (
    <div className="space-y-5">
      {preferPasskey && passkey}
      {preferPasskey && passkey && or}
      {sso}
      {sso && or}
      <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate aria-describedby={refusal ? "login-error" : undefined}>
        <div className="space-y-1">
          <label htmlFor="email" className="block text-sm font-medium text-slate-800">Email</label>
          <input id="email" name="email" type="email" autoComplete={passkeys.available ? "username webauthn" : "username"} required value={email} onChange={(e) => setEmail(e.target.value)}
            className="w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className="block text-sm font-medium text-slate-800">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)}
            className="w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30" />
        </div>
        <div aria-live="assertive">
          {refusal && (
            <div id="login-error" data-testid="login-error" data-code={refusal.code} className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <p>{refusal.message}</p>
              {rejectedReason && <p>Reason given: {rejectedReason}</p>}
              {refusal.code === "account_pending" && (
                <p><Link href="/pending" className="font-semibold underline">See your request&apos;s status</Link></p>
              )}
              {(refusal.code === "account_rejected" || refusal.code === "account_expired") && (
                <p><Link href="/signup" className="font-semibold underline">Sign up again</Link></p>
              )}
              {refusal.code === "email_unverified" && (
                <>
                  <p><Link href="/check-inbox" className="font-semibold underline">Type the code from the mail</Link></p>
                  <ResendMail email={email} />
                </>
              )}
              {refusal.code === "invalid_credentials" && (
                <p><Link href="/forgot-password" className="font-semibold underline">Forgot your password?</Link></p>
              )}
            </div>
          )}
        </div>
        <button type="submit" disabled={busy || !hydrated} data-testid="login-submit"
          className="w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
      {!preferPasskey && passkey && or}
      {!preferPasskey && passkey}
      {!passkeys.available && passkeys.reason && <p className="text-sm text-slate-600" data-testid="passkeys-unavailable">{passkeys.reason}</p>}
    </div>
  );
}
