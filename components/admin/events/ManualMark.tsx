"use client";
// Mark a student by their account's email, with a reason: for standalone events, and for someone
// who is not on a course's roster (the live roster marks enrolled students by searching).
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
        ...(status === "present" || status === "late" || status === "excused" ? { status } : {}),
      },
    });
    if (!res.ok) return setError(res.error.code === "not_found" ? "No account has that email address." : res.error.message);
    setError(null);
    form.reset();
    router.refresh();
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <label className="min-w-48 flex-1"><span className="text-sm font-medium">Student email</span><input name="email" type="email" required className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" /></label>
      <label className="min-w-48 flex-1"><span className="text-sm font-medium">Reason</span><input name="reason" required minLength={3} maxLength={500} className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2" /></label>
      <label><span className="text-sm font-medium">Status</span>
        <select name="status" className="mt-1 block rounded-lg border border-slate-300 px-3 py-2"><option value="">by time</option><option value="present">present</option><option value="late">late</option><option value="excused">excused</option></select>
      </label>
      <button type="submit" className="rounded-lg bg-slate-800 px-4 py-2 font-semibold text-white">Mark</button>
      {error && <p className="w-full text-sm text-rose-700">{error}</p>}
    </form>
  );
}
