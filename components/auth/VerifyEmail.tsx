"use client";
// Finishing a signup (docs/authentication.md#verified-email-at-signup): the mailed link's page
// (/verify-email?token=…) asks for one click — a mail scanner that opens links verifies nothing —
// and the "check your inbox" page (/check-inbox) takes the mail's 6-digit code and can ask for
// the mail again. Both go through next-auth's "verify-email" sign-in: a student on a course
// roster is signed in and lands on their home; anyone else goes on to the waiting page.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { readVerifyHandoff, saveSignupHandoff } from "@/lib/accounts/signup-handoff";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, clientError, type ClientError } from "@/lib/client/call-api";
import { goAfterSignIn, parseRefusal, type RefusalDetails } from "./sign-in-result";

const input = "w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const primary = "w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60";

/** Verify through next-auth; null when the browser moved on (home or the waiting page), else the refusal. */
function useFinish() {
  const router = useRouter();
  return async (credentials: { token: string } | { email: string; code: string }, email: string | null): Promise<ClientError | null> => {
    try {
      const res = await signIn("verify-email", { redirect: false, ...credentials });
      if (res?.ok && !res.error) {
        await goAfterSignIn(null);
        return null;
      }
      const refusal = parseRefusal(res?.error ?? "");
      const details = refusal.details as RefusalDetails & { email?: string } | undefined;
      if (refusal.code === "account_pending" && details?.status_token) {
        // the address typed here, or the one this tab signed up with; else the waiting page learns it from the status answer
        saveSignupHandoff({ status_token: details.status_token, email: email ?? readVerifyHandoff() });
        router.push("/pending");
        return null;
      }
      return refusal;
    } catch {
      return clientError("offline", 0);
    }
  };
}

function Refusal({ error, testId }: { error: ClientError | null; testId: string }) {
  return (
    <div aria-live="assertive">
      {error && (
        <div data-testid={testId} data-code={error.code} className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{error.title}</p>
          <p>{error.message}</p>
          {error.code === "email_taken" && (
            <p><Link href="/login" className="font-semibold underline">Log in</Link> · <Link href="/forgot-password" className="font-semibold underline">Forgot password?</Link></p>
          )}
          {(error.code === "token_used" || error.code === "token_expired" || error.code === "token_invalid") && (
            <p><Link href="/login" className="font-semibold underline">Log in</Link> · <Link href="/signup" className="font-semibold underline">Sign up again</Link></p>
          )}
        </div>
      )}
    </div>
  );
}

/** /verify-email?token=…: one button, so only a person (not a link scanner) verifies. */
export function ConfirmEmail({ token }: { token: string }) {
  const finish = useFinish();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  async function onConfirm() {
    setBusy(true);
    setError(null);
    const refusal = await finish({ token }, null);
    if (refusal) {
      setError(refusal);
      setBusy(false);
    }
  }
  return (
    <div className="space-y-4">
      <button type="button" onClick={onConfirm} disabled={busy || !hydrated} data-testid="confirm-email" className={primary}>
        {busy ? "Confirming…" : "Confirm my email"}
      </button>
      <Refusal error={error} testId="verify-error" />
    </div>
  );
}

/** /check-inbox: the address, the code form and "send it again". */
export function CheckInbox({ hours }: { hours: number }) {
  const finish = useFinish();
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [known, setKnown] = useState(false);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    // sessionStorage exists only in the browser: read it after mount
    const saved = readVerifyHandoff();
    if (saved) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setEmail(saved);
      setKnown(true);
    }
  }, []);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!/^\s*\d(\s*\d){5}\s*$/.test(code)) {
      setError(clientError("validation_failed", 400, [{ path: "body.code" }]));
      document.getElementById("code")?.focus();
      return;
    }
    setBusy(true);
    const refusal = await finish({ email, code }, email);
    if (refusal) {
      setError(refusal);
      setBusy(false);
    }
  }

  return (
    <div className="space-y-6">
      <div className="space-y-2 text-slate-700">
        {known ? (
          <p data-testid="inbox-address">We sent a mail to <strong className="break-all text-slate-900">{email}</strong>.</p>
        ) : (
          <p>We sent a mail to the address you signed up with.</p>
        )}
        <p>Open the link in it to finish. Reading your mail on another device? Type the 6-digit code from the mail here.</p>
        <p className="text-sm text-slate-600">Nothing there after a few minutes? Look in your spam folder, or send it again below. The link and the code work for {hours} hours.</p>
      </div>
      <form method="post" onSubmit={onSubmit} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 sm:p-6" noValidate>
        {!known && (
          <div className="space-y-1">
            <label htmlFor="email" className="block text-sm font-medium text-slate-800">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} className={input} />
          </div>
        )}
        <div className="space-y-1">
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">6-digit code</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)}
            aria-invalid={error?.code === "validation_failed"} className={`${input} font-mono tracking-widest`} />
        </div>
        <Refusal error={error} testId="code-error" />
        <button type="submit" disabled={busy || !hydrated} data-testid="code-submit" className={primary}>{busy ? "Checking…" : "Confirm"}</button>
      </form>
      <ResendMail email={email} />
    </div>
  );
}

/** "Send the mail again" for an address: the same answer whatever the address (the server's rule). */
export function ResendMail({ email }: { email: string }) {
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  async function onResend() {
    setError(null);
    setSent(false);
    if (!email.trim()) {
      setError(clientError("validation_failed", 400, [{ path: "body.email" }]));
      return;
    }
    setBusy(true);
    const res = await callApi("POST /api/auth/verify-email/resend", { body: { email } });
    setBusy(false);
    if (res.ok) setSent(true);
    else setError(res.error);
  }
  return (
    <div className="space-y-2">
      <button type="button" onClick={onResend} disabled={busy || !hydrated} data-testid="resend-mail"
        className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-slate-50 disabled:opacity-60">
        {busy ? "Sending…" : "Send the mail again"}
      </button>
      <div aria-live="polite">
        {sent && <p data-testid="resend-sent" className="text-sm text-slate-700">If a signup with this address is waiting, a new mail is on its way; the older link and code stop working.</p>}
        {error && <p data-testid="resend-error" data-code={error.code} className="text-sm text-red-700">{error.message}</p>}
      </div>
    </div>
  );
}
