"use client";
// The login form: next-auth's Credentials sign-in (the same login use case as the API), with
// the use case's own refusal messages: pending, rejected, expired, deactivated, locked, limited.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { saveSignupHandoff } from "@/lib/accounts/signup-handoff";
import { homeFor, safeNextPath } from "@/lib/auth/safe-next";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, clientError, type ClientError } from "@/lib/client/call-api";

interface RefusalDetails {
  status_token?: string;
  reason?: string | null;
  retry_after_seconds?: number;
}

/** next-auth carries the login use case's error as JSON text; its own errors are bare names. */
function parseRefusal(error: string): ClientError {
  try {
    const r = JSON.parse(error) as { code?: unknown; details?: RefusalDetails | null; retry_after_seconds?: number };
    if (typeof r.code === "string") return clientError(r.code, 0, r.details ?? undefined, r.retry_after_seconds ?? r.details?.retry_after_seconds);
  } catch {
    /* next-auth's own error names, e.g. CredentialsSignin */
  }
  return clientError("invalid_credentials", 401);
}

export function LoginForm({ next, initialEmail }: { next: string | null; initialEmail?: string }) {
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
        setRefusal(r);
        setBusy(false);
        return;
      }
      const me = await callApi("GET /api/auth/me", {}, { onUnauthenticated: "report" });
      const target = safeNextPath(next) ?? (me.ok ? homeFor(me.data.role) : "/");
      // A full page load on purpose: the server-rendered shell must pick up the changed session.
      window.location.assign(target);
    } catch {
      setRefusal(clientError("offline", 0));
      setBusy(false);
    }
  }

  const rejectedReason = refusal?.code === "account_rejected" ? (refusal.details as RefusalDetails | undefined)?.reason : null;
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
            {rejectedReason && <p>Reason given: {rejectedReason}</p>}
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
