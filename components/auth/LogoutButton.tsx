"use client";
// Signing out through next-auth revokes the auth session row (lib/auth/next-auth.ts events),
// so a copy of the cookie stops working too.
import { signOut } from "next-auth/react";
import { useState } from "react";

export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  async function onClick() {
    setBusy(true);
    try {
      await signOut({ redirect: false });
    } finally {
      // A full page load on purpose: the server-rendered shell must pick up the changed session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/login");
    }
  }
  return (
    <button type="button" onClick={onClick} disabled={busy} data-testid="logout"
      className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60">
      {busy ? "Logging out…" : "Log out"}
    </button>
  );
}
