"use client";
// A course's staff: its instructors and teaching assistants. Instructors of the course (and
// admins) add a co-instructor (an instructor or admin account) or a teaching assistant (any
// account) by searching names, change someone's role, or remove them (asked first); everyone
// else who may open the course sees the list. A course keeps at least one instructor: the
// server refuses the last one's removal in plain words (docs/courses.md#staff).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi, type ApiOut } from "@/lib/client/call-api";

type Member = ApiOut<"GET /api/courses/{id}/staff">["items"][number];
type Person = ApiOut<"GET /api/people">["items"][number];

const ROLE_WORDS: Record<Member["role"], string> = { instructor: "Instructor", assistant: "Teaching assistant" };

export function StaffPanel({ courseId, members, meId, canManage }: { courseId: string; members: Member[]; meId: string; canManage: boolean }) {
  const router = useRouter();
  const [announce, setAnnounce] = useState("");
  const [busy, setBusy] = useState<string | null>(null);

  async function remove(m: Member) {
    if (!window.confirm(`Remove ${m.full_name} from this course's staff? ${m.user_id === meId ? "You will no longer be able to open this course." : ""}`)) return;
    setBusy(m.user_id);
    const res = await callApi("DELETE /api/courses/{id}/staff/{user_id}", { params: { id: courseId, user_id: m.user_id } });
    setBusy(null);
    setAnnounce(res.ok ? `${m.full_name} removed from the staff.` : `Could not remove ${m.full_name}: ${res.error.message}`);
    if (res.ok && m.user_id === meId) router.push("/admin/courses");
    else router.refresh();
  }

  async function setRole(m: Member, role: Member["role"]) {
    setBusy(m.user_id);
    const res = await callApi("POST /api/courses/{id}/staff", { params: { id: courseId }, body: { user_id: m.user_id, role } });
    setBusy(null);
    setAnnounce(res.ok ? `${m.full_name} is now ${role === "instructor" ? "an instructor" : "a teaching assistant"}.` : `Could not change ${m.full_name}'s role: ${res.error.message}`);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="min-h-6 text-sm font-medium text-brand-900" data-testid="staff-status">{announce}</p>
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="staff-list">
        {members.map((m) => (
          <li key={m.user_id} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:justify-between" data-testid="staff-member" data-email={m.email} data-role={m.role}>
            <div className="min-w-0">
              <p className="font-medium">{m.full_name}{m.user_id === meId && " (you)"}</p>
              <p className="break-all text-sm text-slate-700">{m.email}</p>
              <p className="text-xs text-slate-600">{ROLE_WORDS[m.role]}</p>
            </div>
            {canManage && (
              <span className="flex flex-wrap gap-2">
                {m.role === "assistant" && (
                  <button type="button" disabled={busy === m.user_id} onClick={() => void setRole(m, "instructor")} className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold disabled:opacity-60">
                    Make instructor<span className="sr-only"> {m.full_name}</span>
                  </button>
                )}
                <button type="button" disabled={busy === m.user_id} onClick={() => void remove(m)} className="min-h-11 rounded-lg border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-800 disabled:opacity-60">
                  Remove<span className="sr-only"> {m.full_name}</span>
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {canManage && <AddStaff courseId={courseId} staffIds={new Set(members.map((m) => m.user_id))} onDone={(text) => { setAnnounce(text); router.refresh(); }} />}
    </div>
  );
}

/** Search accounts by name or email and add one as a teaching assistant or co-instructor. */
function AddStaff({ courseId, staffIds, onDone }: { courseId: string; staffIds: Set<string>; onDone: (text: string) => void }) {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Person[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const needle = q.trim();
    if (needle.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const res = await callApi("GET /api/people", { query: { q: needle, limit: 10 } }, { signal: controller.signal }).catch(() => null);
      if (!res) return;
      if (res.ok) setFound(res.data.items);
      else setError(res.error.message);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  async function add(p: Person, role: Member["role"]) {
    setError(null);
    const res = await callApi("POST /api/courses/{id}/staff", { params: { id: courseId }, body: { user_id: p.id, role } });
    if (!res.ok) return setError(res.error.message);
    onDone(`${p.full_name} added as ${role === "instructor" ? "an instructor" : "a teaching assistant"}.`);
  }

  const results = q.trim().length >= 2 ? found : null;
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="add-staff">
      <label className="block text-sm font-medium">
        Add a teaching assistant or co-instructor: search by name or email
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="at least 2 letters" data-testid="staff-search"
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
      </label>
      {results && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Accounts found" data-testid="staff-results">
          {results.length === 0 && <li className="px-3 py-2 text-sm text-slate-600">No account matches.</li>}
          {results.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span className="min-w-0"><span className="font-medium">{p.full_name}</span> <span className="break-all text-sm text-slate-700">{p.email}</span></span>
              {staffIds.has(p.id) ? (
                <span className="text-sm text-slate-600">on the staff</span>
              ) : (
                <span className="flex flex-wrap gap-2">
                  <button type="button" onClick={() => void add(p, "assistant")} className="min-h-11 rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
                    Add as assistant<span className="sr-only"> {p.full_name}</span>
                  </button>
                  {p.role !== "student" && (
                    <button type="button" onClick={() => void add(p, "instructor")} className="min-h-11 rounded-lg border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700">
                      Add as instructor<span className="sr-only"> {p.full_name}</span>
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="text-sm text-rose-700" role="alert">{error}</p>}
    </div>
  );
}
