"use client";
// "Sign in with a passkey" on the login page, plus the browser's passkey autofill in the email
// field where supported (conditional mediation: the person picks a passkey from the field's
// suggestions). Both end in next-auth's "passkey" provider, i.e. completeSignIn on the server.
import { useCallback, useEffect, useRef, useState } from "react";
import { goAfterSignIn, parseRefusal } from "@/components/auth/sign-in-result";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ClientError } from "@/lib/client/call-api";
import { autofillSupported, cancelPasskeyCeremony, passkeysSupported, signInWithPasskey } from "./passkey-client";

/** Re-arm the autofill before its challenge's 2 minutes run out. */
const AUTOFILL_REARM_MS = 100_000;

/** `onRefusal` must be stable (a state setter): the autofill ceremony restarts when it changes. */
export function PasskeySignIn({ next, prominent, onRefusal }: { next: string | null; prominent: boolean; onRefusal: (r: ClientError | null) => void }) {
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const supported = !hydrated || passkeysSupported();

  const armRef = useRef<() => void>(() => undefined);
  // The autofill and the button can both finish (a pick in the field just as the button is
  // pressed): only the first success navigates, so a saved scan is finished once.
  const finished = useRef(false);
  const finish = useCallback(async () => {
    if (finished.current) return;
    finished.current = true;
    await goAfterSignIn(next);
  }, [next]);

  useEffect(() => {
    if (!passkeysSupported()) return;
    let stopped = false;
    let rearm: ReturnType<typeof setTimeout> | undefined;
    const arm = async () => {
      if (stopped || !(await autofillSupported())) return;
      const timer = setTimeout(() => {
        cancelPasskeyCeremony();
        void arm();
      }, AUTOFILL_REARM_MS);
      rearm = timer;
      const result = await signInWithPasskey(parseRefusal, { autofill: true });
      clearTimeout(timer);
      if (stopped || (!result.ok && result.cancelled)) return; // replaced by the button, a re-arm, or leaving
      // The browser refusing the autofill itself is not news for someone typing a password: shown,
      // it took the place of their password's answer (a headless Chromium under load refused it
      // as the password form was sent). The button still says why when pressed.
      if (!result.ok && result.byBrowser) return;
      // after a refusal the autofill waits for the next press of the button (never a retry loop)
      if (result.ok) await finish();
      else onRefusal(result.error);
    };
    armRef.current = () => void arm();
    void arm();
    return () => {
      stopped = true;
      clearTimeout(rearm);
      cancelPasskeyCeremony();
    };
  }, [finish, onRefusal]);

  async function onClick() {
    if (finished.current) return;
    setBusy(true);
    onRefusal(null);
    const result = await signInWithPasskey(parseRefusal);
    if (result.ok) {
      await finish();
      return;
    }
    if (!result.cancelled) onRefusal(result.error);
    setBusy(false);
    armRef.current(); // the button's ceremony replaced the autofill one
  }

  if (!supported) return <p className="text-sm text-slate-600" data-testid="passkey-unsupported">This browser cannot use passkeys; sign in with your password.</p>;
  const style = prominent
    ? "bg-brand-700 text-white hover:bg-brand-900"
    : "border border-brand-700 bg-white text-brand-700 hover:bg-brand-600/10";
  return (
    <button type="button" onClick={onClick} disabled={busy || !hydrated} data-testid="passkey-sign-in"
      className={`flex w-full items-center justify-center gap-2 rounded-lg px-5 py-3 font-semibold disabled:opacity-60 ${style}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="8" cy="8" r="4" />
        <path d="M2 21v-2a5 5 0 0 1 5-5h2" />
        <path d="M15 14a3 3 0 1 0 6 0 3 3 0 0 0-6 0Zm3 3v5m0-2h2" />
      </svg>
      {busy ? "Waiting for your passkey…" : "Sign in with a passkey"}
    </button>
  );
}
