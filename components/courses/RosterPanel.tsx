"use client";
// A course's roster: search it by name, email or student number, drop one student (asked first),
// and enrol one by searching the students' accounts by name — or by email and name for someone
// who has not signed up yet (they are approved at once when they do).
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { callApi, type ApiOut } from "@/lib/client/call-api";
import { matchesSearch } from "@/lib/text/fold-for-search";
import type { EnrollmentJson } from "@/lib/courses/enrollment-json";
import { InvitedAgo } from "./InvitedAgo";

type Student = ApiOut<"GET /api/people">["items"][number];

const SHOWN = 100;
const ACCOUNT: Record<string, string> = {
  active: "signed up",
  pending: "signup waiting",
  rejected: "signup rejected",
  expired: "signup expired",
  deactivated: "account deactivated",
};
const SOURCE: Record<EnrollmentJson["source"], string> = { import: "imported", join_code: "joined with the code", manual: "enrolled by hand" };

/** The roster search, here and on the live roster: name, email or student number, ignoring case and accents ("muller" finds "Müller"). */
export const matchesPerson = (q: string, p: { full_name: string; email: string; student_number?: string | null }) => matchesSearch(q, p.full_name, p.email, p.student_number);

/** `canManage`: the viewer may enrol and drop (roster:manage); teaching assistants only read. */
export function RosterPanel({ courseId, enrolled, canManage }: { courseId: string; enrolled: EnrollmentJson[]; canManage: boolean }) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const [announce, setAnnounce] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const matches = useMemo(() => enrolled.filter((e) => matchesPerson(q, e)), [enrolled, q]);
  const enrolledEmails = useMemo(() => new Set(enrolled.map((e) => e.email)), [enrolled]);

  async function drop(e: EnrollmentJson) {
    if (!window.confirm(`Drop ${e.full_name} (${e.email}) from this course? Their attendance is kept; you can enrol them again.`)) return;
    setBusy(e.id);
    const res = await callApi("DELETE /api/courses/{id}/enrollments/{enrollment_id}", { params: { id: courseId, enrollment_id: e.id } });
    setBusy(null);
    setAnnounce(res.ok ? `${e.full_name} dropped.` : `Could not drop ${e.full_name}: ${res.error.message}`);
    router.refresh();
  }

  const onEnrolled = (text: string) => {
    setAnnounce(text);
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="min-h-6 text-sm font-medium text-brand-900" data-testid="roster-status">{announce}</p>
      {canManage && <EnrolStudent courseId={courseId} enrolledEmails={enrolledEmails} onDone={onEnrolled} />}
      <div className="space-y-2">
        <label className="block text-sm font-medium">
          Search the roster
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, email or student number" data-testid="roster-search"
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </label>
        <p className="text-sm text-slate-600" aria-live="polite">
          {q ? `${matches.length} of ${enrolled.length} match` : `${enrolled.length} enrolled`}
          {matches.length > SHOWN && ` — showing the first ${SHOWN}; search to narrow`}
        </p>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="roster-list">
          {matches.length === 0 && <li className="px-3 py-4 text-center text-slate-600">{enrolled.length ? "Nobody matches." : "Nobody is enrolled yet: import a roster or enrol students one by one."}</li>}
          {matches.slice(0, SHOWN).map((e) => (
            <li key={e.id} className="flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:justify-between" data-testid="enrollment" data-email={e.email}>
              <div className="min-w-0">
                <p className="font-medium">{e.full_name}{e.student_number && <span className="font-normal text-slate-600"> · #{e.student_number}</span>}</p>
                <p className="break-all text-sm text-slate-700">{e.email}</p>
                <p className="text-xs text-slate-600">{e.account_status ? ACCOUNT[e.account_status] : "no account yet"}{!e.user_id && e.invited_at && <> · <InvitedAgo at={e.invited_at} /></>} · {SOURCE[e.source]}</p>
              </div>
              {canManage && (
                <button type="button" disabled={busy === e.id} onClick={() => void drop(e)}
                  className="min-h-11 self-start rounded-lg border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-800 disabled:opacity-60 sm:self-center">
                  Drop<span className="sr-only"> {e.full_name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Enrol one student: search accounts by name, or give an email and a name. */
function EnrolStudent({ courseId, enrolledEmails, onDone }: { courseId: string; enrolledEmails: Set<string>; onDone: (text: string) => void }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Student[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  useEffect(() => {
    const needle = q.trim();
    if (needle.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const res = await callApi("GET /api/people", { query: { q: needle, role: "student", limit: 10 } }, { signal: controller.signal }).catch(() => null);
      if (!res) return;
      if (res.ok) setFound(res.data.items);
      else setError(res.error.message);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  async function enrol(body: { user_id: string } | { email: string; full_name: string; student_number?: string }, who: string): Promise<boolean> {
    setError(null);
    setFields({});
    const res = await callApi("POST /api/courses/{id}/enrollments", { params: { id: courseId }, body });
    if (!res.ok) {
      setFields(res.error.fields);
      setError(Object.keys(res.error.fields).length ? null : res.error.message);
      return false;
    }
    onDone(`${who} enrolled${res.data.reenrolled ? " again" : ""}${res.data.approved_signup ? "; their waiting signup was approved" : ""}.`);
    return true;
  }

  async function enrolByEmail(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body = { email: text("email"), full_name: text("full_name"), ...(text("student_number") ? { student_number: text("student_number") } : {}) };
    if (await enrol(body, body.full_name)) form.reset();
  }

  const results = q.trim().length >= 2 ? found : null;
  const note = (name: string) => fields[name] && <span id={`${id}-${name}-error`} className="mt-1 block text-sm text-rose-700">{fields[name]}</span>;
  const aria = (name: string) => ({ "aria-invalid": Boolean(fields[name]), "aria-describedby": fields[name] ? `${id}-${name}-error` : undefined });
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="enrol-student">
      <label className="block text-sm font-medium">
        Enrol a student: search by name or email
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="at least 2 letters" data-testid="enrol-search"
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
      </label>
      {results && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Students found" data-testid="enrol-results">
          {results.length === 0 && <li className="px-3 py-2 text-sm text-slate-600">No student account matches. Enrol them by email below: they are approved as soon as they sign up.</li>}
          {results.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span className="min-w-0"><span className="font-medium">{s.full_name}</span> <span className="break-all text-sm text-slate-700">{s.email}</span></span>
              {enrolledEmails.has(s.email) ? (
                <span className="text-sm text-slate-600">enrolled</span>
              ) : (
                <button type="button" onClick={() => void enrol({ user_id: s.id }, s.full_name)} className="min-h-11 rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
                  Enrol<span className="sr-only"> {s.full_name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-medium">Someone without an account yet</summary>
        <form onSubmit={(e) => void enrolByEmail(e)} noValidate className="mt-2 grid gap-3 sm:grid-cols-3">
          <label className="text-sm font-medium">Email<input name="email" type="email" required className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" {...aria("email")} />{note("email")}</label>
          <label className="text-sm font-medium">Full name<input name="full_name" required className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" {...aria("full_name")} />{note("full_name")}</label>
          <label className="text-sm font-medium">Student number (optional)<input name="student_number" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" {...aria("student_number")} />{note("student_number")}</label>
          <div className="sm:col-span-3"><button type="submit" className="min-h-11 rounded-lg border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700">Enrol by email</button></div>
        </form>
      </details>
      {error && <p className="text-sm text-rose-700" role="alert">{error}</p>}
    </div>
  );
}
