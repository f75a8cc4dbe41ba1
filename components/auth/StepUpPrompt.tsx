"use client";
// "Confirm it is you": the fresh proof of presence that sensitive admin actions need (approving
// someone as admin, making a user admin, revoking every code). A passkey of yours when you have
// one (and the server can offer passkeys), else your password; the proof lasts 5 minutes in
// this session (POST /api/auth/step-up). With single sign-on, signing in again at the college
// (asked to authenticate afresh) proves it too: the new session starts confirmed.
import { getProviders, signIn } from "next-auth/react";
import { useEffect, useState } from "react";
import { FRESH_SIGN_IN_PARAMS } from "@/lib/auth/sso/fresh-sign-in";
import { callApi, type ClientError } from "@/lib/client/call-api";
import { stepUpWithPasskey } from "@/components/passkeys/passkey-client";

export function StepUpPrompt({ action, onDone, onCancel }: { action: string; onDone: () => void; onCancel?: () => void }) {
  const [hasPasskey, setHasPasskey] = useState(false);
  const [college, setCollege] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    let stopped = false;
    void callApi("GET /api/auth/passkeys").then((res) => {
      if (!stopped && res.ok) setHasPasskey(res.data.passkeys_available && res.data.passkeys.length > 0);
    });
    void getProviders().then((providers) => {
      if (!stopped && providers?.oidc) setCollege(providers.oidc.name);
    });
    return () => {
      stopped = true;
    };
  }, []);

  async function withPasskey() {
    setBusy(true);
    setError(null);
    const res = await stepUpWithPasskey();
    setBusy(false);
    if (res.ok) onDone();
    else if (!res.cancelled) setError(res.error);
  }

  async function withCollege() {
    setBusy(true);
    // back to this page, signed in afresh: the action can be done again within 5 minutes
    await signIn("oidc", { callbackUrl: window.location.pathname + window.location.search }, FRESH_SIGN_IN_PARAMS);
  }

  async function withPassword(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await callApi("POST /api/auth/step-up", { body: { method: "password", password } });
    setBusy(false);
    if (res.ok) {
      setPassword("");
      onDone();
    } else setError(res.error);
  }

  return (
    <section role="dialog" aria-labelledby="step-up-heading" aria-modal="false" data-testid="step-up" className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <h2 id="step-up-heading" className="font-semibold">Confirm it is you</h2>
      <p className="text-sm">To {action}, confirm with {hasPasskey ? "your passkey or " : ""}{college ? `your ${college} account or ` : ""}your password. It stays confirmed for 5 minutes.</p>
      {college && (
        <button type="button" onClick={withCollege} disabled={busy} data-testid="step-up-sso"
          className="mr-2 rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 disabled:opacity-60">
          Sign in again with {college}
        </button>
      )}
      {hasPasskey && (
        <button type="button" onClick={withPasskey} disabled={busy} data-testid="step-up-passkey"
          className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
          Use my passkey
        </button>
      )}
      <form onSubmit={withPassword} className="flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium">
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="step-up-password"
            className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2" />
        </label>
        <button type="submit" disabled={busy || !password} data-testid="step-up-confirm"
          className="rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 disabled:opacity-60">
          Confirm
        </button>
        {onCancel && <button type="button" onClick={onCancel} className="px-2 py-2 text-sm underline">Cancel</button>}
      </form>
      {error && <p role="alert" data-testid="step-up-error" data-code={error.code} className="text-sm text-red-800">{error.message}</p>}
    </section>
  );
}
