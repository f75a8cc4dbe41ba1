"use client";
// "Sign in with <college>": next-auth's OpenID Connect sign-in (lib/auth/sso/oidc-provider.ts).
// The browser leaves for the college's sign-in page and comes back to the login page, which
// sends a signed-in person where they were heading (`next`) or to their home.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SsoSignIn({ displayName, next }: { displayName: string; next: string | null }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  async function go() {
    setBusy(true);
    const back = next ? `/login?next=${encodeURIComponent(next)}` : "/login";
    await signIn("oidc", { callbackUrl: back });
  }
  return (
    <button type="button" onClick={go} disabled={busy || !hydrated} data-testid="sso-sign-in"
      className="w-full rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
      {busy ? `Opening ${displayName} sign-in…` : `Sign in with ${displayName}`}
    </button>
  );
}
