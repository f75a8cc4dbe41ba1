"use client";
// The lecturer's live roster of one event (docs/courses.md, statuses and the live roster): every
// enrolled student with their status and counts per status, walk-ins apart with a one-click
// "enrol", removed marks kept in view. It polls GET /api/events/{id}/attendance?since=<version>
// so a mark on any app instance shows within two seconds without a reload; search and the status
// filter work on the list in the page. Mark, excuse and unmark act on a row found by searching —
// students without an account too (by their enrolment) — and selected rows can be marked present
// or excused at once (BulkMark.tsx).
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Time } from "@/components/ui/Time";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type ApiOut } from "@/lib/client/call-api";
import { ROSTER_STATUSES, type RosterStatus } from "@/lib/attendance/session-status";
import { METHOD_WORDS, STATUS_WORDS } from "@/lib/attendance/words";
import { matchesPerson } from "@/components/courses/RosterPanel";
import { BulkMark, type Selected } from "./BulkMark";

type Roster = Extract<ApiOut<"GET /api/events/{id}/attendance">, { changed: true }>;
type Student = Roster["enrolled"][number];

export const POLL_MS = 1500;
const SHOWN = 200;

export { METHOD_WORDS, STATUS_WORDS };
const BADGE: Record<RosterStatus, string> = {
  present: "bg-emerald-100 text-emerald-900",
  late: "bg-amber-100 text-amber-900",
  excused: "bg-blue-100 text-blue-900",
  absent: "bg-rose-100 text-rose-900",
  not_marked: "bg-slate-100 text-slate-700",
};

/** What the viewer's role allows on this roster (the server checks again on every call). */
export interface RosterRights {
  mark: boolean;
  unmark: boolean;
  /** enrol walk-ins into the course */
  enrol: boolean;
}

export function LiveRoster({ eventId, courseId, initial, can }: { eventId: string; courseId: string | null; initial: Roster; can: RosterRights }) {
  const [roster, setRoster] = useState<Roster>(initial);
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<RosterStatus | "">("");
  const [announce, setAnnounce] = useState("");
  const [offline, setOffline] = useState(false);
  const hydrated = useHydrated();
  const version = useRef(initial.version);
  const inFlight = useRef(false);

  const poll = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const res = await callApi("GET /api/events/{id}/attendance", { params: { id: eventId }, query: { since: version.current } }, { timeoutMs: 10_000 });
      setOffline(!res.ok);
      if (res.ok && res.data.changed) {
        version.current = res.data.version;
        setRoster(res.data);
      }
    } finally {
      inFlight.current = false;
    }
  }, [eventId]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void poll();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && void poll();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [poll]);

  const after = (text: string) => {
    setAnnounce(text);
    void poll();
  };

  const keep = useCallback((s: Student) => matchesPerson(q, s) && (!status || s.status === status), [q, status]);
  const enrolled = useMemo(() => roster.enrolled.filter(keep), [roster.enrolled, keep]);
  const walkIns = useMemo(() => roster.walk_ins.filter(keep), [roster.walk_ins, keep]);
  const c = roster.status_counts;
  const m = roster.counts;
  const isCourse = courseId !== null;
  const [selected, setSelected] = useState<Map<string, Selected>>(new Map());
  const toggle = useCallback((s: Student, on: boolean) => {
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(rowKey(s), { ...subjectOf(s), full_name: s.full_name });
      else next.delete(rowKey(s));
      return next;
    });
  }, []);
  const selectAll = (rows: Student[], on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      for (const s of rows.slice(0, SHOWN)) if (on) next.set(rowKey(s), { ...subjectOf(s), full_name: s.full_name }); else next.delete(rowKey(s));
      return next;
    });

  return (
    <div className="space-y-4" data-testid="live-roster" data-hydrated={hydrated} data-version={roster.version} data-closed={roster.closed}>
      <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-6" data-testid="status-counts">
        {(isCourse ? ([...ROSTER_STATUSES.map((s) => [s, STATUS_WORDS[s], c[s]] as const), ["walk_ins", "Walk-ins", c.walk_ins] as const]) : ([["marked", "Marked", m.total], ["present", "Present", m.present], ["late", "Late", m.late], ["excused", "Excused", m.excused]] as const)).map(([key, label, value]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-2" data-testid={`count-${key}`}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700" data-testid="method-counts">
        {isCourse && <>{c.enrolled} enrolled{c.no_account > 0 && <> (<span data-testid="no-account-count">no account yet: {c.no_account}</span>)</>} · </>}
        How marks were made: {m.scan - m.short_code - m.link} QR scan · {m.short_code} typed code · {m.link} opened link · {m.manual} manual
        {m.device_flagged > 0 && <> · <strong>{m.device_flagged} from a shared device</strong></>} · {m.failed_scans} failed scans ({Math.round(m.failed_scan_rate * 100)}%)
      </p>
      <p className="text-sm text-slate-600">
        {roster.closed ? "Check-in is closed: students without a mark are absent." : "Check-in is open: students without a mark are not marked yet."}
        {" "}Updates by itself{offline && <strong className="text-rose-800"> — not connected, retrying</strong>}.
      </p>

      <div className="flex flex-wrap items-end gap-3">
        <label className="min-w-56 flex-1 text-sm font-medium">
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, email or student number" data-testid="live-roster-search"
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" />
        </label>
        <label className="text-sm font-medium">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as RosterStatus | "")} data-testid="live-roster-filter" className="mt-1 block rounded-lg border border-slate-300 px-3 py-2">
            <option value="">all</option>
            {ROSTER_STATUSES.map((s) => <option key={s} value={s}>{STATUS_WORDS[s].toLowerCase()}</option>)}
          </select>
        </label>
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm font-medium text-brand-900" data-testid="live-roster-status">{announce}</p>

      {isCourse && can.mark && (
        <BulkMark eventId={eventId} selected={[...selected.values()]} onClear={() => setSelected(new Map())} onDone={(text) => { setSelected(new Map()); after(text); }} />
      )}
      {isCourse && (
        <StudentTable
          testId="roster-enrolled"
          caption={q || status ? `${enrolled.length} of ${c.enrolled} enrolled students match` : `${c.enrolled} enrolled students`}
          empty={c.enrolled ? "Nobody matches." : "Nobody is enrolled in this course yet."}
          rows={enrolled}
          eventId={eventId}
          onDone={after}
          can={can}
          selection={can.mark ? { selected, toggle, selectAll } : undefined}
        />
      )}
      <StudentTable
        testId="roster-walk-ins"
        caption={isCourse ? `Walk-ins: marked but not enrolled (${c.walk_ins})` : `Marked (${m.total})`}
        empty={isCourse ? "No walk-ins." : "Nobody marked yet."}
        rows={walkIns}
        eventId={eventId}
        onDone={after}
        enrolInto={can.enrol ? courseId : null}
        can={can}
      />
      {roster.removed.length > 0 && (
        <section aria-labelledby="removed-heading" className="rounded-xl border border-slate-200 bg-white p-4" data-testid="roster-removed">
          <h3 id="removed-heading" className="font-semibold">Removed marks ({roster.removed.length})</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {roster.removed.map((r) => (
              <li key={`${r.user_id}-${r.removed_at}`}>
                <span className="font-medium">{r.full_name}</span> ({r.email}): was {r.was_status} by {METHOD_WORDS[r.was_method]}, removed <Time value={r.removed_at} style="time-seconds" /> — “{r.reason}”
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const rowKey = (s: Student) => s.enrollment_id ?? s.user_id ?? s.email;
/** How the API names this student: by enrolment (works without an account), else by account. */
const subjectOf = (s: Student): { enrollment_id: string } | { user_id: string } => (s.enrollment_id ? { enrollment_id: s.enrollment_id } : { user_id: s.user_id! });

interface Selection {
  selected: Map<string, Selected>;
  toggle: (s: Student, on: boolean) => void;
  selectAll: (rows: Student[], on: boolean) => void;
}

function StudentTable({ testId, caption, empty, rows, eventId, onDone, enrolInto, can, selection }: {
  testId: string;
  caption: string;
  empty: string;
  rows: Student[];
  eventId: string;
  onDone: (text: string) => void;
  enrolInto?: string | null;
  can: RosterRights;
  selection?: Selection;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = rows.slice(0, SHOWN);
  const allSelected = selection !== undefined && shown.length > 0 && shown.every((s) => selection.selected.has(rowKey(s)));
  const columns = selection ? 7 : 6;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="stack-table w-full text-left text-sm" data-testid={testId}>
        <caption className="px-3 py-2 text-left font-semibold">{caption}{rows.length > SHOWN && ` — showing the first ${SHOWN}; search to narrow`}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {selection && (
              <th className="w-10 px-3 py-2">
                <input type="checkbox" checked={allSelected} onChange={(e) => selection.selectAll(shown, e.target.checked)} aria-label="Select every student shown" data-testid="select-all" className="size-5" />
              </th>
            )}
            <th className="px-3 py-2">Name</th><th className="px-3 py-2">Email</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">Time</th><th className="px-3 py-2">How</th><th className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={columns} className="px-3 py-4 text-center text-slate-600">{empty}</td></tr>}
          {shown.map((s) => {
            const key = rowKey(s);
            return (
              <StudentRow key={key} s={s} eventId={eventId} onDone={onDone} enrolInto={enrolInto} can={can} formOpen={open === key} setFormOpen={(o) => setOpen(o ? key : null)}
                columns={columns} selected={selection ? selection.selected.has(key) : undefined} onSelect={selection ? (on) => selection.toggle(s, on) : undefined} />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function StudentRow({ s, eventId, onDone, enrolInto, can, formOpen, setFormOpen, columns, selected, onSelect }: {
  s: Student;
  eventId: string;
  onDone: (text: string) => void;
  enrolInto?: string | null;
  can: RosterRights;
  formOpen: boolean;
  setFormOpen: (open: boolean) => void;
  columns: number;
  selected?: boolean;
  onSelect?: (on: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const marked = s.status === "present" || s.status === "late" || s.status === "excused";

  async function enrol(courseId: string) {
    if (!s.user_id) return;
    setBusy(true);
    const res = await callApi("POST /api/courses/{id}/enrollments", { params: { id: courseId }, body: { user_id: s.user_id } });
    setBusy(false);
    onDone(res.ok ? `${s.full_name} enrolled in the course.` : `Could not enrol ${s.full_name}: ${res.error.message}`);
  }

  const btn = "min-h-9 rounded-lg border px-2.5 py-1 text-sm font-semibold disabled:opacity-60";
  return (
    <>
      <tr className="border-t border-slate-100" data-testid="roster-row" data-email={s.email} data-status={s.status}>
        {onSelect && (
          <td className="px-3 py-2 max-sm:float-right">
            <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${s.full_name}`} data-testid="select-row" className="size-5" />
          </td>
        )}
        <td className="px-3 py-2 font-medium">
          {s.full_name}
          {s.student_number && <span className="font-normal text-slate-600"> · #{s.student_number}</span>}
          {!s.user_id && s.enrollment_id && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-700" data-testid="no-account">no account yet</span>}
          {s.device_flag && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900" title="This phone also marked another account">shared device</span>}
        </td>
        <td className="px-3 py-2 break-all max-sm:text-slate-600">{s.email}</td>
        <td className="px-3 py-2" data-label="Status"><span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[s.status]}`} data-testid="roster-status-badge">{STATUS_WORDS[s.status]}</span></td>
        <td className="px-3 py-2 whitespace-nowrap tabular-nums" data-label="Time">{s.marked_at && <Time value={s.marked_at} style="time-seconds" />}</td>
        <td className="px-3 py-2" data-label="How" data-testid="roster-method">
          {s.method && METHOD_WORDS[s.method]}
          {s.reason && <span className="block text-xs text-slate-600">“{s.reason}”</span>}
        </td>
        <td className="px-3 py-2 text-right whitespace-nowrap max-sm:pt-2">
          {!s.user_id && !s.enrollment_id ? null : (
            <span className="inline-flex flex-wrap justify-end gap-1.5">
              {enrolInto && s.user_id && (
                <button type="button" disabled={busy} onClick={() => void enrol(enrolInto)} className={`${btn} border-brand-700 bg-brand-700 text-white`}>Enrol<span className="sr-only"> {s.full_name}</span></button>
              )}
              {marked
                ? can.unmark && (
                    <button type="button" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)} className={`${btn} border-rose-300 bg-white text-rose-800`}>Unmark<span className="sr-only"> {s.full_name}</span></button>
                  )
                : can.mark && (
                    <button type="button" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)} className={`${btn} border-slate-300 bg-white`}>Mark or excuse<span className="sr-only"> {s.full_name}</span></button>
                  )}
            </span>
          )}
        </td>
      </tr>
      {formOpen && (s.user_id || s.enrollment_id) && (
        <tr className="bg-slate-50">
          <td colSpan={columns} className="px-3 py-2">
            <MarkForm eventId={eventId} student={s} unmark={marked} onDone={(text) => { setFormOpen(false); onDone(text); }} onCancel={() => setFormOpen(false)} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Mark or excuse a student without a mark, or remove a mark: always with a reason (audited). */
function MarkForm({ eventId, student, unmark, onDone, onCancel }: { eventId: string; student: Student; unmark: boolean; onDone: (text: string) => void; onCancel: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const reason = String(f.get("reason") ?? "");
    setBusy(true);
    if (unmark) {
      const res = await callApi("POST /api/events/{id}/attendance/unmark", { params: { id: eventId }, body: { ...subjectOf(student), reason } });
      setBusy(false);
      if (!res.ok) return setError(res.error.message);
      return onDone(`${student.full_name}'s mark was removed; the removal stays listed below.`);
    }
    const status = String(f.get("status")) as "present" | "late" | "excused";
    const res = await callApi("POST /api/events/{id}/attendance", { params: { id: eventId }, body: { ...subjectOf(student), status, reason } });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    onDone(`${student.full_name} marked ${res.data.status}.`);
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="flex flex-wrap items-end gap-2" data-testid="mark-form" aria-label={`${unmark ? "Remove the mark of" : "Mark or excuse"} ${student.full_name}`}>
      {!unmark && (
        <div className="text-sm font-medium">
          <label htmlFor={`${formId}-status`}>Mark as</label>
          <select id={`${formId}-status`} name="status" defaultValue="present" className="mt-1 block rounded-lg border border-slate-300 px-3 py-2">
            <option value="present">present</option><option value="late">late</option><option value="excused">excused</option>
          </select>
        </div>
      )}
      <label className="min-w-56 flex-1 text-sm font-medium">{unmark ? "Why remove this mark? (the student and the audit log see it)" : "Reason (kept in the audit log)"}
        <input name="reason" required minLength={3} maxLength={500} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2" placeholder={unmark ? "e.g. scanned for a friend" : "e.g. phone battery flat; medical note"} />
      </label>
      <button type="submit" disabled={busy} className={`min-h-11 rounded-lg px-4 py-2 font-semibold text-white disabled:opacity-60 ${unmark ? "bg-rose-800" : "bg-slate-800"}`}>{unmark ? "Remove mark" : "Save"}</button>
      <button type="button" onClick={onCancel} className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold">Cancel</button>
      {error && <p role="alert" className="w-full text-sm text-rose-700">{error}</p>}
    </form>
  );
}
