"use client";
// The /unsubscribe page's one button: the same one-click endpoint a mail client calls (RFC 8058).
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";

export function UnsubscribeButton({ token, label }: { token: string; label: string }) {
  const hydrated = useHydrated();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const res = await callApi("POST /api/mail/unsubscribe", { query: { token } }, { onUnauthenticated: "report" });
    if (res.ok) setDone(true);
    else setError(res.error);
    setBusy(false);
  }

  if (done) {
    return (
      <p role="status" data-testid="unsubscribe-done" className="rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
        Done: you will no longer get mails about “{label}”. You can switch them on again on your Security page.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <button type="button" onClick={() => void confirm()} disabled={busy || !hydrated} data-testid="unsubscribe-confirm"
        className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
        Stop these mails
      </button>
      {error && <p role="alert" data-testid="unsubscribe-error" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{error.message}</p>}
    </div>
  );
}
