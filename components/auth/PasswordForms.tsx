"use client";
// Password recovery and change (docs/authentication.md): "Forgot password?" (/forgot-password),
// the mailed link's page (/reset-password?token=…) and the Security page's change form. Each
// checks the same policy live (PasswordRules) and says every refusal in plain words.
import Link from "next/link";
import { useState } from "react";
import { checkPassword } from "@/lib/accounts/password-policy";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, clientError, type ClientError } from "@/lib/client/call-api";
import { PasswordRules } from "./PasswordRules";
import { goAfterSignIn } from "./sign-in-result";

const input = "w-full rounded-lg border border-slate-300 px-3 py-3 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
const primary = "w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60";

function Problem({ error, testId }: { error: ClientError | null; testId: string }) {
  return (
    <div aria-live="assertive">
      {error && (
        <div data-testid={testId} data-code={error.code} className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{error.title}</p>
          <p>{error.message}</p>
        </div>
      )}
    </div>
  );
}

/** A new-password field with a show toggle and the live rules. */
function NewPassword({ id, label, value, onChange, email, invalid }: { id: string; label: string; value: string; onChange: (v: string) => void; email: string; invalid: boolean }) {
  const [show, setShow] = useState(false);
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <div className="relative">
        <input id={id} name={id} type={show ? "text" : "password"} autoComplete="new-password" required maxLength={200} value={value} onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid} aria-describedby={`${id}-rules`} className={`${input} pr-24`} />
        <button type="button" onClick={() => setShow((v) => !v)} aria-pressed={show} className="absolute inset-y-1 right-1 rounded-md px-3 text-sm font-semibold text-brand-700 hover:bg-slate-100">
          {show ? "Hide" : "Show"}<span className="sr-only"> password</span>
        </button>
      </div>
      <PasswordRules id={`${id}-rules`} password={value} email={email} />
    </div>
  );
}

const weak = () => clientError("weak_password", 400);

/** /forgot-password: the same answer whether or not the address has an account. */
export function ForgotPasswordForm({ minutes }: { minutes: number }) {
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError(clientError("validation_failed", 400, [{ path: "body.email" }]));
      return;
    }
    setBusy(true);
    const res = await callApi("POST /api/auth/password-reset", { body: { email } });
    setBusy(false);
    if (res.ok) setSentTo(email.trim());
    else setError(res.error);
  }
  if (sentTo) {
    return (
      <div data-testid="reset-requested" className="space-y-3 text-slate-700" aria-live="polite">
        <p>If <strong className="break-all text-slate-900">{sentTo}</strong> has a Rollcall account, we sent it a link to choose a new password. It works once, for {minutes} minutes.</p>
        <p className="text-sm text-slate-600">Nothing after a few minutes? Look in your spam folder, check the address, or ask again.</p>
        <p><Link href="/login" className="font-semibold text-brand-700 underline">Back to log in</Link></p>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={error?.code === "validation_failed"} className={input} />
      </div>
      <Problem error={error} testId="forgot-error" />
      <button type="submit" disabled={busy || !hydrated} data-testid="forgot-submit" className={primary}>{busy ? "Sending…" : "Send me a link"}</button>
    </form>
  );
}

/** /reset-password?token=…: choose the new password. */
export function ResetPasswordForm({ token }: { token: string }) {
  const hydrated = useHydrated();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (checkPassword(password, "").length) {
      setError(weak());
      document.getElementById("new_password")?.focus();
      return;
    }
    setBusy(true);
    const res = await callApi("POST /api/auth/password-reset/confirm", { body: { token, password } }, { onUnauthenticated: "report" });
    setBusy(false);
    if (res.ok) setDone(true);
    else setError(res.error);
  }
  if (done) {
    return (
      <div data-testid="reset-done" className="space-y-3" aria-live="polite">
        <p className="text-slate-700">Your password is changed, and every device that was signed in is signed out. Log in with the new password.</p>
        <Link href="/login" data-testid="reset-login" className="inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900">Log in</Link>
      </div>
    );
  }
  const tokenProblem = error && (error.code === "token_invalid" || error.code === "token_expired" || error.code === "token_used");
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <NewPassword id="new_password" label="New password" value={password} onChange={setPassword} email="" invalid={error?.code === "weak_password"} />
      <Problem error={error} testId="reset-error" />
      {tokenProblem && <p className="text-sm"><Link href="/forgot-password" className="font-semibold text-brand-700 underline">Ask for a new link</Link></p>}
      <button type="submit" disabled={busy || !hydrated} data-testid="reset-submit" className={primary}>{busy ? "Saving…" : "Set the new password"}</button>
    </form>
  );
}

/** The Security page: current password, then the new one; other sessions end. */
export function ChangePasswordForm({ email, required }: { email: string; required: boolean }) {
  const hydrated = useHydrated();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!current) {
      setError(clientError("validation_failed", 400, [{ path: "body.current_password" }]));
      document.getElementById("current_password")?.focus();
      return;
    }
    if (checkPassword(next, email).length) {
      setError(weak());
      document.getElementById("change_new_password")?.focus();
      return;
    }
    setBusy(true);
    const res = await callApi("POST /api/auth/change-password", { body: { current_password: current, new_password: next } });
    setBusy(false);
    if (!res.ok) {
      const same = res.error.code === "weak_password" && JSON.stringify(res.error.details ?? "").includes("same_as_current");
      if (res.error.code === "invalid_credentials") setError({ ...res.error, title: "Wrong current password", message: "That is not your current password. Check it and try again." });
      else if (same) setError({ ...res.error, message: "The new password must be different from the current one." });
      else setError(res.error);
      return;
    }
    setCurrent("");
    setNext("");
    setDone(res.data.sessions_ended);
    // the bootstrap admin is let through now: on to their home (a full page load)
    if (required) await goAfterSignIn(null);
  }
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate data-testid="change-password">
      <div className="space-y-1">
        <label htmlFor="current_password" className="block text-sm font-medium text-slate-800">Current password</label>
        <input id="current_password" name="current_password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={error?.code === "invalid_credentials"} className={input} />
      </div>
      <NewPassword id="change_new_password" label="New password" value={next} onChange={setNext} email={email} invalid={error?.code === "weak_password"} />
      <Problem error={error} testId="change-error" />
      <div aria-live="polite">
        {done !== null && <p data-testid="change-done" className="text-sm text-emerald-800">Password changed. {done === 1 ? "1 other session was" : `${done} other sessions were`} signed out.</p>}
      </div>
      <button type="submit" disabled={busy || !hydrated} data-testid="change-submit" className={primary}>{busy ? "Saving…" : "Change password"}</button>
    </form>
  );
}
