"use client";
// The login form: next-auth's Credentials sign-in (the same login use case as the API), with
// the use case's own refusal messages: pending, rejected, expired, deactivated, locked, limited.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { saveSignupHandoff } from "@/lib/accounts/signup-handoff";
import { homeFor, safeNextPath } from "@/lib/auth/safe-next";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi } from "@/components/ui/api-client";

interface Refusal {
  code: string;
  message: string;
  details?: { status_token?: string; reason?: string | null; retry_after_seconds?: number } | null;
  retry_after_seconds?: number;
}

function parseRefusal(error: string): Refusal {
  try {
    const r = JSON.parse(error) as Refusal;
    if (typeof r.code === "string" && typeof r.message === "string") return r;
  } catch {
    /* next-auth's own error names, e.g. CredentialsSignin */
  }
  return { code: "invalid_credentials", message: "The email or password is wrong." };
}

export function LoginForm({ next, initialEmail }: { next: string | null; initialEmail?: string }) {
  const [email, setEmail] = useState(initialEmail ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated(); // submitting before hydration would post the form to the page itself
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const res = await signIn("credentials", { redirect: false, email, password });
      if (!res || res.error || !res.ok) {
        const r = parseRefusal(res?.error ?? "");
        if (r.code === "account_pending" && r.details?.status_token) saveSignupHandoff({ status_token: r.details.status_token, email });
        setRefusal(r);
        setBusy(false);
        return;
      }
      const me = await callApi<{ role: "student" | "admin" }>("/api/auth/me");
      const target = safeNextPath(next) ?? (me.ok ? homeFor(me.data.role) : "/");
      // A full page load on purpose: the server-rendered shell must pick up the changed session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(target);
    } catch {
      setRefusal({ code: "network_error", message: "Could not reach Rollcall. Check your connection and try again." });
      setBusy(false);
    }
  }

  const retry = refusal?.retry_after_seconds ?? refusal?.details?.retry_after_seconds;
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate aria-describedby={refusal ? "login-error" : undefined}>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)}
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
            {refusal.code === "account_rejected" && refusal.details?.reason && <p>Reason given: {refusal.details.reason}</p>}
            {(refusal.code === "account_locked" || refusal.code === "rate_limited") && retry ? <p>You can try again in about {retry} seconds.</p> : null}
            {refusal.code === "account_pending" && (
              <p><Link href="/pending" className="font-semibold underline">See your request&apos;s status</Link></p>
            )}
            {(refusal.code === "account_rejected" || refusal.code === "account_expired") && (
              <p><Link href="/signup" className="font-semibold underline">Sign up again</Link></p>
            )}
          </div>
        )}
      </div>
      <button type="submit" disabled={busy || !hydrated} data-testid="login-submit"
        className="w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        {busy ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
