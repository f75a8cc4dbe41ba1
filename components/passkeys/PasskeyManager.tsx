"use client";
// The Security page's passkey list: add (from this device), rename and delete your own passkeys,
// each with its creation time and last use. Every call goes through the typed client. Adding and
// deleting need a fresh proof of presence: on step_up_required the prompt asks for it, then the
// action runs again.
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ApiOut, type ClientError } from "@/lib/client/call-api";
import { addPasskey, passkeysSupported } from "./passkey-client";
import { Time } from "@/components/ui/Time";
import { StepUpPrompt } from "@/components/auth/StepUpPrompt";

type List = ApiOut<"GET /api/auth/passkeys">;
type Passkey = List["passkeys"][number];


export function PasskeyManager({ initial }: { initial: List }) {
  const hydrated = useHydrated();
  const [list, setList] = useState<List>(initial);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<ClientError | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  /** the action that was refused with step_up_required, run again once the proof is given */
  const [pending, setPending] = useState<{ words: string; retry: () => void } | null>(null);

  async function reload() {
    const res = await callApi("GET /api/auth/passkeys");
    if (res.ok) setList(res.data);
  }

  async function run(action: () => Promise<{ ok: true } | { ok: false; error?: ClientError }>, done: string, words?: string) {
    setBusy(true);
    setError(null);
    setStatus("");
    setPending(null);
    const result = await action();
    if (result.ok) setStatus(done);
    else if (result.error?.code === "step_up_required" && words) setPending({ words, retry: () => void run(action, done, words) });
    else if (result.error) setError(result.error);
    await reload();
    setBusy(false);
  }

  const add = () =>
    run(async () => {
      const r = await addPasskey();
      return r.ok ? { ok: true } : { ok: false, error: r.cancelled ? undefined : r.error };
    }, "Passkey added. You can now sign in with it.", "add a passkey");

  const rename = (p: Passkey, name: string) =>
    run(async () => {
      const r = await callApi("PATCH /api/auth/passkeys/{id}", { params: { id: p.id }, body: { name } });
      if (r.ok) setEditing(null);
      return r;
    }, "Passkey renamed.");

  const remove = (p: Passkey) => {
    if (!window.confirm(`Delete the passkey “${p.name}”? It will no longer sign you in.`)) return;
    void run(() => callApi("DELETE /api/auth/passkeys/{id}", { params: { id: p.id } }), `Passkey “${p.name}” deleted.`, `delete the passkey “${p.name}”`);
  };

  if (!list.passkeys_available) {
    return <p data-testid="passkeys-unavailable" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900">{list.unavailable_reason}</p>;
  }
  const supported = !hydrated || passkeysSupported();
  return (
    <section aria-labelledby="passkeys-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="passkeys-heading" className="text-lg font-semibold">Your passkeys ({list.passkeys.length})</h2>
        <button type="button" onClick={add} disabled={busy || !hydrated || !supported} data-testid="passkey-add"
          className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
          Add a passkey
        </button>
      </div>
      {!supported && <p className="text-sm text-slate-600">This browser cannot create passkeys. Try your phone&apos;s browser.</p>}
      <p aria-live="polite" role="status" data-testid="passkeys-status" className="min-h-5 text-sm font-medium text-brand-900">{status}</p>
      {pending && <StepUpPrompt action={pending.words} onDone={pending.retry} onCancel={() => setPending(null)} />}
      {error && <p role="alert" data-testid="passkeys-error" data-code={error.code} className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{error.message}</p>}
      {list.passkeys.length === 0 ? (
        <p className="text-slate-600" data-testid="passkeys-empty">No passkeys yet. Add one on the phone you bring to class.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {list.passkeys.map((p) => (
            <li key={p.id} data-testid="passkey-row" data-name={p.name} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              {editing?.id === p.id ? (
                <form className="flex flex-1 flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); void rename(p, editing.name.trim()); }}>
                  <label htmlFor={`name-${p.id}`} className="sr-only">New name for {p.name}</label>
                  <input id={`name-${p.id}`} value={editing.name} maxLength={60} onChange={(e) => setEditing({ id: p.id, name: e.target.value })}
                    className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2" autoFocus />
                  <button type="submit" disabled={busy || !editing.name.trim()} className="rounded-lg bg-brand-700 px-3 py-2 text-sm font-semibold text-white disabled:opacity-60">Save</button>
                  <button type="button" onClick={() => setEditing(null)} className="px-2 py-2 text-sm underline">Cancel</button>
                </form>
              ) : (
                <>
                  <div>
                    <p className="font-medium">{p.name}{p.device_type === "multiDevice" && <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">synced</span>}</p>
                    <p className="text-sm text-slate-600">
                      Added <Time value={p.created_at} /> · {p.last_used_at ? <>last used <Time value={p.last_used_at} /></> : "not used yet"}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <button type="button" onClick={() => setEditing({ id: p.id, name: p.name })} disabled={busy} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium">
                      Rename<span className="sr-only"> {p.name}</span>
                    </button>
                    <button type="button" onClick={() => remove(p)} disabled={busy} className="rounded-lg border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800">
                      Delete<span className="sr-only"> {p.name}</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
