"use client";
// The student's side of a join code: type it (or arrive with it from the link) and enrol.
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ApiOut } from "@/lib/client/call-api";

type Joined = ApiOut<"POST /api/courses/join">;

export function JoinForm({ initialCode }: { initialCode: string }) {
  const id = useId();
  const hydrated = useHydrated();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<Joined | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    setBusy(true);
    const res = await callApi("POST /api/courses/join", { body: { code } });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.fields.code ? "Type the join code your lecturer gave you: 4 to 16 letters and digits." : res.error.message);
      input.current?.focus();
      return;
    }
    setError(null);
    setJoined(res.data);
  }

  if (joined) {
    const c = joined.course;
    return (
      <div className="space-y-4 rounded-xl border border-emerald-200 bg-emerald-50 p-5" data-testid="join-result" role="status">
        <p className="text-lg font-semibold text-emerald-900">
          {joined.already_enrolled ? "You are already enrolled in" : "You are enrolled in"} {c.code} {c.title}{c.term_label && ` (${c.term_label})`}.
        </p>
        <Link href="/home" className="inline-block min-h-11 rounded-lg bg-brand-700 px-5 py-2.5 font-semibold text-white">See my attendance</Link>
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="join-form" data-hydrated={hydrated} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      <label className="block">
        <span className="font-medium">Join code</span>
        <input ref={input} name="code" defaultValue={initialCode} required autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={32}
          aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-3 font-mono text-2xl tracking-widest uppercase aria-[invalid=true]:border-red-500" />
      </label>
      {error && <p id={`${id}-error`} className="text-sm text-rose-700" data-testid="join-error">{error}</p>}
      <button type="submit" disabled={busy} className="min-h-11 w-full rounded-lg bg-brand-700 px-5 py-3 text-lg font-semibold text-white disabled:opacity-60">
        {busy ? "Joining…" : "Join course"}
      </button>
    </form>
  );
}
