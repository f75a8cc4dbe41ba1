"use client";
// When students are warned about low attendance (docs/courses.md#low-attendance-warning): after
// how many held sessions, and how long after a session closes (so excuses land first). Saved
// through PATCH /api/courses/{id}; saving re-decides the standing warnings at once.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "@/lib/client/call-api";

const input = "mt-1 w-28 rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500";

export function WarningSettings({ courseId, warnAfterSessions, warnGraceHours, thresholdPercent }: { courseId: string; warnAfterSessions: number; warnGraceHours: number; thresholdPercent: number }) {
  const id = useId();
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { warn_after_sessions: Number(f.get("warn_after_sessions") || "NaN"), warn_grace_hours: Number(f.get("warn_grace_hours") || "NaN") };
    setBusy(true);
    const res = await callApi("PATCH /api/courses/{id}", { params: { id: courseId }, body });
    setBusy(false);
    setFields(res.ok ? {} : res.error.fields);
    setMessage(res.ok ? "Saved." : Object.keys(res.error.fields).length ? null : res.error.message);
    if (res.ok) router.refresh();
  }

  const note = (name: string) => fields[name] && <span id={`${id}-${name}-error`} className="mt-1 block text-sm text-rose-700">{fields[name]}</span>;
  const aria = (name: string) => ({ "aria-invalid": Boolean(fields[name]), "aria-describedby": fields[name] ? `${id}-${name}-error` : `${id}-help` });
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="warning-settings" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-semibold">Low-attendance warnings</h3>
      <p id={`${id}-help`} className="text-sm text-slate-700">
        A student below {thresholdPercent}% is warned in the app and by mail — once per fall, withdrawn when their rate is back — but only after they have been expected at
        enough held sessions, and only once a session has been closed long enough for excuses to be entered.
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm font-medium">
          Warn after (held sessions)
          <input name="warn_after_sessions" type="number" inputMode="numeric" min={1} max={100} defaultValue={warnAfterSessions} className={`${input} block`} {...aria("warn_after_sessions")} />
          {note("warn_after_sessions")}
        </label>
        <label className="text-sm font-medium">
          Wait after a session closes (hours)
          <input name="warn_grace_hours" type="number" inputMode="numeric" min={0} max={336} defaultValue={warnGraceHours} className={`${input} block`} {...aria("warn_grace_hours")} />
          {note("warn_grace_hours")}
        </label>
        <button type="submit" disabled={busy} className="min-h-11 rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 disabled:opacity-60">Save warning settings</button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm" data-testid="warning-settings-status">{message}</p>
    </form>
  );
}
