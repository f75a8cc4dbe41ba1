"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/client/call-api";

export function ManualMarkForm({ eventId }: { eventId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const status = String(f.get("status") || "");
    const res = await callApi("POST /api/events/{id}/attendance", {
      params: { id: eventId },
      body: {
        email: String(f.get("email") ?? ""),
        reason: String(f.get("reason") ?? ""),
        ...(status === "present" || status === "late" ? { status } : {}),
      },
    });
    if (!res.ok) return setError(res.error.code === "not_found" ? "No account has that email address." : res.error.message);
    setError(null);
    form.reset();
    router.refresh();
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-4">
      <label className="min-w-48 flex-1"><span className="text-sm font-medium">Student email</span><input name="email" type="email" required className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" /></label>
      <label className="min-w-48 flex-1"><span className="text-sm font-medium">Reason</span><input name="reason" required minLength={3} maxLength={500} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" /></label>
      <label><span className="text-sm font-medium">Status</span>
        <select name="status" className="mt-1 block rounded-lg border border-slate-300 px-3 py-2"><option value="">by time</option><option value="present">present</option><option value="late">late</option></select>
      </label>
      <button type="submit" className="rounded-lg bg-slate-800 px-4 py-2 font-semibold text-white">Mark</button>
      {error && <p className="w-full text-sm text-rose-700">{error}</p>}
    </form>
  );
}

export function UnmarkButton({ eventId, userId, name }: { eventId: string; userId: string; name: string }) {
  const router = useRouter();
  const onClick = async () => {
    const reason = window.prompt(`Why remove ${name}'s mark? (recorded in the audit log)`);
    if (!reason || reason.trim().length < 3) return;
    const res = await callApi("POST /api/events/{id}/attendance/unmark", { params: { id: eventId }, body: { user_id: userId, reason } });
    if (!res.ok) window.alert(res.error.message);
    router.refresh();
  };
  return <button type="button" onClick={() => void onClick()} className="text-sm font-medium text-rose-700 underline">Unmark</button>;
}
