"use client";
// The Security page's mail switches: one checkbox per notice mail, saved at once through the
// typed client. Account mail has no switch (the note says so).
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ApiOut, type ClientError } from "@/lib/client/call-api";

type Prefs = ApiOut<"GET /api/auth/me/mail-preferences">;

export function MailPreferences({ initial }: { initial: Prefs }) {
  const hydrated = useHydrated();
  const [prefs, setPrefs] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<ClientError | null>(null);

  async function toggle(key: Prefs["preferences"][number]["key"], enabled: boolean) {
    const before = prefs;
    // the box follows the click at once; the server's answer confirms it (or puts it back)
    setPrefs({ ...prefs, preferences: prefs.preferences.map((p) => (p.key === key ? { ...p, enabled } : p)) });
    setBusy(true);
    setError(null);
    setStatus("");
    const res = await callApi("PUT /api/auth/me/mail-preferences", { body: { preferences: { [key]: enabled } } });
    if (res.ok) {
      setPrefs(res.data);
      setStatus("Saved.");
    } else {
      setPrefs(before);
      setError(res.error);
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="mail-heading" className="space-y-3" data-testid="mail-preferences">
      <h2 id="mail-heading" className="text-lg font-semibold">Mail</h2>
      <p className="text-sm text-slate-600">{prefs.note}</p>
      <fieldset className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-medium text-slate-700">Send me a mail when…</legend>
        {prefs.preferences.map((p) => (
          <label key={p.key} className="flex items-start gap-3 py-1 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 h-5 w-5 shrink-0"
              checked={p.enabled}
              disabled={busy || !hydrated}
              data-testid={`mail-pref-${p.key}`}
              onChange={(e) => void toggle(p.key, e.target.checked)}
            />
            <span>{p.label}</span>
          </label>
        ))}
      </fieldset>
      <p aria-live="polite" role="status" data-testid="mail-preferences-status" className="min-h-5 text-sm font-medium text-brand-900">{status}</p>
      {error && <p role="alert" data-testid="mail-preferences-error" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{error.message}</p>}
    </section>
  );
}
