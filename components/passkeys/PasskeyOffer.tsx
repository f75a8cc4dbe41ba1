"use client";
// After a password sign-in on a phone, offer to add a passkey (the next sign-in is then a
// fingerprint or a face, in under a second). Offered once per password sign-in, only where the
// phone has a built-in authenticator, the server can offer passkeys and the account has none;
// "Not now" is remembered on this phone. It goes away as soon as the account has a passkey: one
// added from the Security page's own list (which is the offer there) ends it too.
import { platformAuthenticatorIsAvailable } from "@simplewebauthn/browser";
import Link from "next/link";
import { useEffect, useState } from "react";
import { callApi, type ClientError } from "@/lib/client/call-api";
import { StepUpPrompt } from "@/components/auth/StepUpPrompt";
import { addPasskey, PASSKEY_ADDED_EVENT } from "./passkey-client";

/** sessionStorage: set by a password sign-in, read (and cleared) by the next page. */
const SIGNED_IN_WITH_PASSWORD = "rc_passkey_offer";
/** localStorage: this phone answered "Not now". */
const DISMISSED = "rc_passkey_offer_dismissed";

/** Called by the login form after a successful password sign-in. */
export function markPasswordSignIn(): void {
  try {
    sessionStorage.setItem(SIGNED_IN_WITH_PASSWORD, "1");
  } catch {
    /* storage disabled: no offer, nothing else changes */
  }
}

function takeFlag(): boolean {
  try {
    const set = sessionStorage.getItem(SIGNED_IN_WITH_PASSWORD) === "1";
    sessionStorage.removeItem(SIGNED_IN_WITH_PASSWORD);
    return set && localStorage.getItem(DISMISSED) === null;
  } catch {
    return false;
  }
}

const isPhone = () => window.matchMedia("(pointer: coarse)").matches;

export function PasskeyOffer() {
  // step-up: adding a passkey needs the password again (docs/authentication.md#passkeys)
  const [state, setState] = useState<"hidden" | "offer" | "busy" | "step-up" | "added">("hidden");
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    if (!takeFlag() || !isPhone()) return;
    let stopped = false;
    void (async () => {
      if (!(await platformAuthenticatorIsAvailable().catch(() => false))) return;
      const mine = await callApi("GET /api/auth/passkeys", {}, { onUnauthenticated: "report" });
      if (!stopped && mine.ok && mine.data.passkeys_available && mine.data.passkeys.length === 0) setState("offer");
    })();
    return () => {
      stopped = true;
    };
  }, []);

  useEffect(() => {
    // a passkey added anywhere in this tab (the Security page's list) ends the offer; its own
    // success message stays
    const added = () => setState((s) => (s === "added" || s === "busy" ? s : "hidden"));
    window.addEventListener(PASSKEY_ADDED_EVENT, added);
    return () => window.removeEventListener(PASSKEY_ADDED_EVENT, added);
  }, []);

  if (state === "hidden") return null;

  function dismiss() {
    try {
      localStorage.setItem(DISMISSED, new Date().toISOString());
    } catch {
      /* remembered for this page only */
    }
    setState("hidden");
  }

  async function add() {
    setState("busy");
    setError(null);
    const result = await addPasskey();
    if (result.ok) setState("added");
    else if (!result.cancelled && result.error.code === "step_up_required") setState("step-up");
    else {
      if (!result.cancelled) setError(result.error);
      setState("offer");
    }
  }

  return (
    <section aria-labelledby="passkey-offer-heading" data-testid="passkey-offer" className="mb-6 space-y-3 rounded-xl border border-brand-100 bg-brand-50 p-4 text-brand-900">
      {state === "step-up" ? (
        <StepUpPrompt action="add a passkey" onDone={() => void add()} onCancel={() => setState("offer")} />
      ) : state === "added" ? (
        <p role="status" data-testid="passkey-offer-added">Passkey added. Next time, tap &ldquo;Sign in with a passkey&rdquo; and use your fingerprint or face.</p>
      ) : (
        <>
          <h2 id="passkey-offer-heading" className="font-semibold">Sign in faster next time</h2>
          <p className="text-sm">Add a passkey and sign in with this phone&apos;s fingerprint, face or PIN instead of your password. It only works on your own phone.</p>
          {error && <p role="alert" className="text-sm text-red-800">{error.message}</p>}
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" onClick={add} disabled={state === "busy"} data-testid="passkey-offer-add"
              className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
              {state === "busy" ? "Waiting for your phone…" : "Add a passkey"}
            </button>
            <button type="button" onClick={dismiss} data-testid="passkey-offer-dismiss" className="px-2 py-2 text-sm font-medium underline">Not now</button>
            <Link href="/security" className="text-sm underline">About passkeys</Link>
          </div>
        </>
      )}
    </section>
  );
}
