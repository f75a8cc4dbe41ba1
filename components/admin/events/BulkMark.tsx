"use client";
// The live roster's "mark selected": the rows ticked in the roster marked present (or late) or
// excused at once, with one reason (kept in the audit log, and shown to excused students). Each
// student gets their own result (POST /api/events/{id}/attendance/bulk); the summary says how
// many were marked and names the ones that were not, in words.
import { useId, useState } from "react";
import { callApi } from "@/lib/client/call-api";

export type Selected = ({ enrollment_id: string } | { user_id: string }) & { full_name: string };

export function BulkMark({ eventId, selected, onClear, onDone }: { eventId: string; selected: Selected[]; onClear: () => void; onDone: (text: string) => void }) {
  const id = useId();
  const [status, setStatus] = useState<"present" | "late" | "excused">("present");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = selected.length;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const students = selected.map((s) => ("enrollment_id" in s ? { enrollment_id: s.enrollment_id } : { user_id: s.user_id }));
    const res = await callApi("POST /api/events/{id}/attendance/bulk", { params: { id: eventId }, body: { students, status, reason } });
    setBusy(false);
    if (!res.ok) return setError(res.error.fields.reason ?? res.error.message);
    const failed = res.data.results.flatMap((r, i) => (r.ok ? [] : [`${selected[i]?.full_name ?? "a student"} (${r.error?.code === "conflict" ? "already marked" : (r.error?.message ?? "not marked")})`]));
    setReason("");
    onDone(`${res.data.marked} marked ${status}.${failed.length ? ` Not marked: ${failed.join(", ")}.` : ""}`);
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Mark the selected students" data-testid="bulk-mark"
      className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3">
      <p className="w-full text-sm font-medium" data-testid="bulk-count" aria-live="polite">
        {n === 0 ? "Tick students in the list to mark several at once." : `${n} selected`}
      </p>
      <div className="text-sm font-medium">
        <label htmlFor={`${id}-status`}>Mark as</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} className="mt-1 block rounded-lg border border-slate-300 px-3 py-2" data-testid="bulk-status">
          <option value="present">present</option><option value="late">late</option><option value="excused">excused</option>
        </select>
      </div>
      <label className="min-w-0 flex-1 basis-56 text-sm font-medium">
        Reason (kept in the audit log)
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} placeholder="e.g. field trip; register taken on paper"
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" data-testid="bulk-reason" />
      </label>
      <button type="submit" disabled={busy || n === 0} className="min-h-11 rounded-lg bg-slate-800 px-4 py-2 font-semibold text-white disabled:opacity-60" data-testid="bulk-submit">
        Mark {n || ""} selected
      </button>
      {n > 0 && <button type="button" onClick={onClear} className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">Clear selection</button>}
      {error && <p role="alert" className="w-full text-sm text-rose-700">{error}</p>}
    </form>
  );
}
