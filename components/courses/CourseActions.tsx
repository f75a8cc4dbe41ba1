"use client";
// Archive or restore a course, or delete it: a dialog says how many sessions, marks and students
// it has and asks whether its sessions go with it (the default: a session without its course is an
// orphan; each one's attendance is kept in the audit log) or stay as standalone events.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { callApi } from "@/lib/client/call-api";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `canEdit` / `canDelete`: what the viewer's role allows (the server checks again). */
export function CourseActions({ id, code, archived, sessions, enrolled, marks, canEdit, canDelete }: { id: string; code: string; archived: boolean; sessions: number; enrolled: number; marks: number; canEdit: boolean; canDelete: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [withSessions, setWithSessions] = useState(true);

  async function archive() {
    setBusy(true);
    const res = await callApi("PATCH /api/courses/{id}", { params: { id }, body: { archived: !archived } });
    setBusy(false);
    if (!res.ok) return setMessage({ kind: "error", text: res.error.message });
    setMessage({ kind: "info", text: archived ? `${code} restored.` : `${code} archived: its roster and records are kept, and signups are no longer approved from its roster.` });
    router.refresh();
  }

  async function remove() {
    setBusy(true);
    const res = await callApi("DELETE /api/courses/{id}", { params: { id }, query: { confirm: "true", sessions: withSessions ? "delete" : "keep" } });
    setBusy(false);
    if (!res.ok) return setMessage({ kind: "error", text: res.error.message });
    router.push("/admin/courses");
  }

  const btn = "min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canEdit && (
        <button type="button" disabled={busy} onClick={() => void archive()} data-testid="course-archive" className={`${btn} border border-slate-300 bg-white`}>
          {archived ? "Restore course" : "Archive course"}
        </button>
      )}
      {canDelete && (
        <ConfirmDialog
          trigger="Delete course"
          triggerClassName={`${btn} border border-rose-300 bg-white text-rose-800`}
          disabled={busy}
          testId="course-delete"
          title={`Delete ${code}?`}
          confirm={sessions > 0 && withSessions ? `Delete ${code} and its ${plural(sessions, "session")}` : `Delete ${code}`}
          confirmClassName="rounded-lg bg-rose-700 px-4 py-2 font-semibold text-white hover:bg-rose-800"
          onConfirm={() => void remove()}
        >
          <p data-testid="course-delete-counts">
            {code} has {plural(sessions, "session")} with {plural(marks, "attendance mark")}, and {plural(enrolled, "enrolled student")}. Its roster is removed.
            {" "}Archive it instead to keep everything.
          </p>
          {sessions > 0 && (
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={withSessions} onChange={(e) => setWithSessions(e.target.checked)} className="mt-0.5 h-5 w-5" data-testid="course-delete-sessions" />
              <span>
                Also delete its {plural(sessions, "session")}. Their attendance is kept in the audit log. Untick to keep them as events without a course.
              </span>
            </label>
          )}
        </ConfirmDialog>
      )}
      <p aria-live="polite" className={`w-full text-sm ${message?.kind === "error" ? "text-rose-700" : "text-emerald-800"}`} data-testid="course-actions-message">{message?.text}</p>
    </div>
  );
}
