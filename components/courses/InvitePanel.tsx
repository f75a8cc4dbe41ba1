"use client";
// Invitations on a course's roster: how many enrolled students have no account yet, and Invite —
// all of them or the ones ticked — one mail each (POST /api/courses/{id}/invitations). Each row
// says when the student was last invited ("invited 2 days ago"); inviting again is allowed after
// an hour. Its own component: the roster panel is edited by others.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ClientError } from "@/lib/client/call-api";
import { invitedAgo } from "./invited-ago";

export interface Uninvitable {
  id: string;
  full_name: string;
  email: string;
  invited_at: string | null;
}

export function InvitePanel({ courseId, students, now }: { courseId: string; students: Uninvitable[]; now: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<ClientError | null>(null);

  if (students.length === 0) {
    return <p className="text-sm text-slate-600" data-testid="invite-none">Every enrolled student has an account.</p>;
  }

  async function invite(ids: string[] | undefined) {
    setBusy(true);
    setError(null);
    setStatus("");
    const res = await callApi("POST /api/courses/{id}/invitations", { params: { id: courseId }, body: ids ? { enrollment_ids: ids } : {} });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    const d = res.data;
    const parts = [`Invited ${d.invited.length} ${d.invited.length === 1 ? "student" : "students"}.`];
    if (d.recently_invited) parts.push(`${d.recently_invited} invited less than ${d.resend_after_minutes} minutes ago: not again yet.`);
    if (d.already_signed_up) parts.push(`${d.already_signed_up} signed up meanwhile.`);
    setStatus(parts.join(" "));
    setPicked(new Set());
    router.refresh();
  }

  const toggle = (id: string, on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="invite-panel">
      <p className="font-medium" data-testid="invite-count">
        {students.length} enrolled {students.length === 1 ? "student has" : "students have"} no account yet.
      </p>
      <p className="text-sm text-slate-600">An invitation is a mail with the course, your name and a signup link with their address filled in.</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy || !hydrated} onClick={() => void invite(undefined)} data-testid="invite-all"
          className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
          Invite all {students.length}
        </button>
        <button type="button" disabled={busy || !hydrated || picked.size === 0} onClick={() => void invite([...picked])} data-testid="invite-selected"
          className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60">
          Invite selected ({picked.size})
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm font-medium text-brand-900" data-testid="invite-status">{status}</p>
      {error && <p role="alert" data-testid="invite-error" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{error.message}</p>}
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">Choose students</summary>
        <ul className="mt-2 max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200" aria-label="Students without an account">
          {students.map((s) => (
            <li key={s.id} data-testid="invite-row" data-email={s.email}>
              <label className="flex min-h-11 items-start gap-3 px-3 py-2 text-sm">
                <input type="checkbox" className="mt-0.5 h-5 w-5 shrink-0" checked={picked.has(s.id)} disabled={!hydrated} onChange={(e) => toggle(s.id, e.target.checked)} />
                <span className="min-w-0">
                  <span className="font-medium">{s.full_name}</span> <span className="break-all text-slate-700">{s.email}</span>
                  <span className="block text-xs text-slate-600" data-testid="invited-ago">
                    {s.invited_at ? <time dateTime={s.invited_at}>{invitedAgo(s.invited_at, now)}</time> : "not invited yet"}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
