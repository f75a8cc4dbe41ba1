"use client";
// The course's join code and link: show them, draw a new code (the old one stops working), or
// switch self-enrolment off. Students open the link (or type the code at /join) while signed in.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/client/call-api";

export function JoinCodePanel({ courseId, code, appUrl, archived }: { courseId: string; code: string | null; appUrl: string; archived: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const link = code ? `${appUrl.replace(/\/$/, "")}/join?code=${code}` : null;

  async function change(action: "rotate" | "disable") {
    if (action === "rotate" && code && !window.confirm("Draw a new join code? The current code and link stop working at once.")) return;
    setBusy(true);
    const res = await callApi("POST /api/courses/{id}/join-code", { params: { id: courseId }, body: { action } });
    setBusy(false);
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    setMessage({ error: false, text: res.data.join_code ? `New join code: ${res.data.join_code}. The old one no longer works.` : "Self-enrolment is off: no code works for this course now." });
    router.refresh();
  }

  const btn = "min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-60";
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="join-code-panel">
      {code ? (
        <dl className="grid gap-2 sm:grid-cols-[auto_1fr] sm:gap-x-4">
          <dt className="text-sm text-slate-600">Join code</dt>
          <dd className="font-mono text-2xl font-bold tracking-widest" data-testid="join-code">{code}</dd>
          <dt className="text-sm text-slate-600">Join link</dt>
          <dd className="break-all font-mono text-sm" data-testid="join-link">{link}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-700" data-testid="join-code-off">Self-enrolment is off. Students are enrolled by import or by you.</p>
      )}
      {archived && <p className="text-sm text-slate-700">The course is archived: its code does not enrol anyone until you restore it.</p>}
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy} onClick={() => void change("rotate")} data-testid="join-code-rotate" className={`${btn} border border-brand-700 bg-white text-brand-700`}>
          {code ? "New code" : "Switch on self-enrolment"}
        </button>
        {code && (
          <button type="button" disabled={busy} onClick={() => void change("disable")} data-testid="join-code-disable" className={`${btn} border border-slate-300 bg-white`}>
            Switch off
          </button>
        )}
      </div>
      <p aria-live="polite" className={`min-h-5 text-sm ${message?.error ? "text-rose-700" : "text-emerald-800"}`}>{message?.text}</p>
    </div>
  );
}
