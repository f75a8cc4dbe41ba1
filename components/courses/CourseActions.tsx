"use client";
// Archive or restore a course, or delete it (asking first, and saying what stays).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/lib/client/call-api";

export function CourseActions({ id, code, archived, sessions, enrolled }: { id: string; code: string; archived: boolean; sessions: number; enrolled: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function archive() {
    setBusy(true);
    const res = await callApi("PATCH /api/courses/{id}", { params: { id }, body: { archived: !archived } });
    setBusy(false);
    if (!res.ok) return setMessage({ kind: "error", text: res.error.message });
    setMessage({ kind: "info", text: archived ? `${code} restored.` : `${code} archived: its roster and records are kept, and signups are no longer approved from its roster.` });
    router.refresh();
  }

  async function remove() {
    const what = sessions || enrolled ? ` Its ${enrolled} enrolments are removed; its ${sessions} sessions stay as standalone events with their attendance.` : "";
    if (!window.confirm(`Delete ${code}?${what} Archive it instead to keep everything.`)) return;
    setBusy(true);
    const res = await callApi("DELETE /api/courses/{id}", { params: { id }, query: { confirm: "true" } });
    setBusy(false);
    if (!res.ok) return setMessage({ kind: "error", text: res.error.message });
    router.push("/admin/courses");
  }

  const btn = "min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" disabled={busy} onClick={() => void archive()} data-testid="course-archive" className={`${btn} border border-slate-300 bg-white`}>
        {archived ? "Restore course" : "Archive course"}
      </button>
      <button type="button" disabled={busy} onClick={() => void remove()} className={`${btn} border border-rose-300 bg-white text-rose-800`}>Delete course</button>
      <p aria-live="polite" className={`w-full text-sm ${message?.kind === "error" ? "text-rose-700" : "text-emerald-800"}`} data-testid="course-actions-message">{message?.text}</p>
    </div>
  );
}
