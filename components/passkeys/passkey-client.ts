// The browser's side of passkeys: ask the API for options (lib/client/call-api.ts), let the
// browser and the authenticator answer (@simplewebauthn/browser), send the answer back. Each
// function resolves with a result for the page, never throws: a person who closes the passkey
// dialog gets "cancelled", not an error.
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, startRegistration, WebAuthnAbortService, WebAuthnError } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { callApi, clientError, type ApiOut, type ClientError } from "@/lib/client/call-api";

/** `byBrowser`: the browser refused the ceremony itself; the server never saw it. */
export type PasskeyOutcome<T> = { ok: true; data: T } | { ok: false; cancelled: true } | { ok: false; cancelled: false; error: ClientError; byBrowser?: true };

const cancelled = { ok: false, cancelled: true } as const;
const failed = (error: ClientError) => ({ ok: false, cancelled: false, error }) as const;
const refusedByBrowser = (error: ClientError) => ({ ok: false, cancelled: false, error, byBrowser: true }) as const;

/** Plain words for what the browser itself refused (the server never saw the ceremony). */
function browserRefusal(error: unknown): PasskeyOutcome<never> {
  const name = (error as { name?: string })?.name;
  const code = error instanceof WebAuthnError ? error.code : undefined;
  // The person closed the dialog, it timed out, or another ceremony (autofill) replaced this one.
  if (name === "NotAllowedError" || name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") return cancelled;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return refusedByBrowser(clientError("passkey_already_registered", 409));
  if (code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID") return refusedByBrowser(clientError("passkeys_need_domain", 409));
  return refusedByBrowser({ ...clientError("passkey_malformed", 0), title: "Passkey not available", message: "This browser or device could not use a passkey. Sign in with your password instead." });
}

export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && browserSupportsWebAuthn();
}

/** Whether the browser can offer passkeys in the email field's autofill (conditional mediation). */
export async function autofillSupported(): Promise<boolean> {
  return passkeysSupported() && (await browserSupportsWebAuthnAutofill().catch(() => false));
}

type Step<T> = { ok: true; data: T } | { ok: false; error: ClientError };

/** One WebAuthn ceremony: the server's options, the browser's answer, the server's verdict. */
async function ceremony<O, R, T>(options: () => Promise<Step<O>>, answer: (options: O) => Promise<R>, verdict: (response: R) => Promise<Step<T>>): Promise<PasskeyOutcome<T>> {
  const o = await options();
  if (!o.ok) return failed(o.error);
  let response: R;
  try {
    response = await answer(o.data);
  } catch (error) {
    return browserRefusal(error);
  }
  const v = await verdict(response);
  return v.ok ? { ok: true, data: v.data } : failed(v.error);
}

type CreationOptions = Parameters<typeof startRegistration>[0]["optionsJSON"];
type RequestOptions = Parameters<typeof startAuthentication>[0]["optionsJSON"];

/** Add a passkey to the signed-in account (Security page, the offer after signing in). */
/** Sent on `window` when this tab added a passkey: the offer to add one (PasskeyOffer) goes away. */
export const PASSKEY_ADDED_EVENT = "rollcall:passkey-added";

export async function addPasskey(name?: string): Promise<PasskeyOutcome<ApiOut<"POST /api/auth/passkeys/register/verify">>> {
  const outcome = await ceremony(
    () => callApi("POST /api/auth/passkeys/register/options"),
    (options) => startRegistration({ optionsJSON: options as CreationOptions }),
    (response) => callApi("POST /api/auth/passkeys/register/verify", { body: { response, ...(name ? { name } : {}) } }),
  );
  if (outcome.ok) window.dispatchEvent(new Event(PASSKEY_ADDED_EVENT));
  return outcome;
}

/**
 * Sign in with a passkey: a browser session through next-auth's "passkey" provider (the same
 * use case as POST /api/auth/passkeys/login/verify). `autofill`: wait for the person to pick a
 * passkey in the email field's suggestions instead of opening a dialog now.
 */
export function signInWithPasskey(parseRefusal: (error: string) => ClientError, opts: { autofill?: boolean } = {}): Promise<PasskeyOutcome<null>> {
  return ceremony(
    () => callApi("POST /api/auth/passkeys/login/options", {}, { onUnauthenticated: "report" }),
    (options) => startAuthentication({ optionsJSON: options as RequestOptions, useBrowserAutofill: opts.autofill ?? false }),
    async (response): Promise<Step<null>> => {
      try {
        const res = await signIn("passkey", { redirect: false, response: JSON.stringify(response) });
        return res?.ok && !res.error ? { ok: true, data: null } : { ok: false, error: parseRefusal(res?.error ?? "") };
      } catch {
        return { ok: false, error: clientError("offline", 0) };
      }
    },
  );
}

/** Prove presence with one of your passkeys (step-up for sensitive admin actions). */
export function stepUpWithPasskey(): Promise<PasskeyOutcome<ApiOut<"POST /api/auth/step-up">>> {
  return ceremony(
    () => callApi("POST /api/auth/step-up/options"),
    (options) => startAuthentication({ optionsJSON: options as RequestOptions }),
    (response) => callApi("POST /api/auth/step-up", { body: { method: "passkey", response } }),
  );
}

/** Stop a pending autofill ceremony (before starting another, or leaving the page). */
export function cancelPasskeyCeremony(): void {
  WebAuthnAbortService.cancelCeremony();
}
