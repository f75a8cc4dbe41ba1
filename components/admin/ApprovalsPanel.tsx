"use client";
// The admin approvals panel: polls the same JSON API integrators use (cookie session), shows
// each pending request's remaining time, decides with one click (or several at once with the
// bulk bar, each result reported), and lists recent decisions. Approving as instructor or admin
// sits apart from the everyday "Approve as student", is offered only to those who may grant staff
// roles (`grantsStaff`: admins), and says what those rights mean before it asks for step-up.
import { useCallback, useEffect, useRef, useState } from "react";
import { StepUpPrompt } from "@/components/auth/StepUpPrompt";
import { Time } from "@/components/ui/Time";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { AdminRightsExplained, InstructorRightsExplained } from "./AdminRightsExplained";
import { callApi, type ApiOut, type CallArgs } from "@/lib/client/call-api";
import { wordsFor } from "@/lib/client/error-words";

const POLL_MS = 3000;

type ListJson = ApiOut<"GET /api/admin/approval-requests">;
type Item = ListJson["items"][number];
type Decision = CallArgs<"POST /api/admin/approval-requests/{id}/decide">["body"];
type BulkResult = { id: string; name: string; ok: boolean; text: string };

const wordsOf = (code: string) => wordsFor(code).text;

/** "2:41"; a request naming a course waits until its next session ends: "3 h 20 min", "2 days". */
function remainingLabel(seconds: number): string {
  if (seconds >= 2 * 86_400) return `${Math.floor(seconds / 86_400)} days`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function ApprovalsPanel({ initial, grantsStaff }: { initial: ListJson; grantsStaff: boolean }) {
  const [data, setData] = useState<ListJson>(initial);
  const [announce, setAnnounce] = useState("");
  const [busyId, setBusyId] = useState<string | null>(null);
  // approving as admin waits here for a fresh proof of presence (step-up), then is retried
  const [awaitingStepUp, setAwaitingStepUp] = useState<{ item: Item; decision: Decision } | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [bulkResults, setBulkResults] = useState<BulkResult[] | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  // server clock minus browser clock, so countdowns match the server's expiry decisions
  const [skew, setSkew] = useState(() => Date.parse(initial.server_time) - Date.now());
  const known = useRef(new Set(initial.items.filter((i) => i.status === "pending").map((i) => i.id)));

  const refresh = useCallback(async () => {
    // a 401 (session ended) goes to the login page and back (callApi)
    const res = await callApi("GET /api/admin/approval-requests", { query: { limit: 100 } });
    if (res.ok) {
      setSkew(Date.parse(res.data.server_time) - Date.now());
      const fresh = res.data.items.filter((i) => i.status === "pending" && !known.current.has(i.id));
      fresh.forEach((i) => known.current.add(i.id));
      if (fresh.length) setAnnounce(`${fresh.length} new signup request${fresh.length > 1 ? "s" : ""}: ${fresh.map((i) => i.user?.full_name).join(", ")}`);
      setData(res.data);
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const loop = async () => {
      await refresh().catch(() => undefined);
      if (!stopped) timer = setTimeout(loop, POLL_MS);
    };
    timer = setTimeout(loop, POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [refresh]);

  async function decide(item: Item, decision: Decision) {
    setBusyId(item.id);
    const res = await callApi("POST /api/admin/approval-requests/{id}/decide", { params: { id: item.id }, body: decision });
    const who = item.user?.full_name ?? "the student";
    if (res.ok) {
      const verb = decision.decision === "approved" ? `approved as ${decision.approved_role}` : "rejected";
      setAnnounce(`${who} ${verb}.`);
    } else if (res.error.code === "step_up_required") {
      setAwaitingStepUp({ item, decision });
      setAnnounce(`Confirm it is you to approve ${who} as ${decision.decision === "approved" && decision.approved_role === "instructor" ? "an instructor" : "an admin"}.`);
    } else {
      setAnnounce(`Could not decide for ${who}: ${res.error.message}`);
    }
    await refresh().catch(() => undefined);
    setBusyId(null);
  }

  async function decideSelected(decision: "approve" | "reject", ids: string[]) {
    if (ids.length === 0) return;
    setBulkBusy(true);
    const names = new Map(data.items.map((i) => [i.id, i.user?.full_name ?? "Unknown"]));
    const body = decision === "approve" ? { ids, decision: "approved" as const, approved_role: "student" as const } : { ids, decision: "rejected" as const };
    const res = await callApi("POST /api/admin/approval-requests/decide-bulk", { body });
    if (res.ok) {
      setBulkResults(
        res.data.results.map((r) => ({
          id: r.id,
          name: names.get(r.id) ?? "Unknown",
          ok: r.ok,
          text: r.ok ? (decision === "approve" ? "approved as student" : "rejected") : wordsOf(r.error.code),
        })),
      );
      const { decided, failed } = res.data.summary;
      setAnnounce(`${decided} ${decision === "approve" ? "approved as students" : "rejected"}${failed ? `, ${failed} not decided` : ""}.`);
      setSelected(new Set());
    } else {
      setBulkResults(null);
      setAnnounce(`Nothing was decided: ${res.error.message}`);
    }
    await refresh().catch(() => undefined);
    setBulkBusy(false);
  }

  const serverNow = now + skew;
  const pending = data.items.filter((i) => i.status === "pending" && Date.parse(i.expires_at) > serverNow);
  const recent = data.items.filter((i) => i.status !== "pending").slice(0, 20);
  const chosen = pending.filter((i) => selected.has(i.id)).map((i) => i.id);
  const allChosen = pending.length > 0 && chosen.length === pending.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="space-y-8">
      <p aria-live="polite" role="status" data-testid="approvals-status" className="min-h-6 text-sm font-medium text-brand-900">{announce}</p>
      {awaitingStepUp && (
        <StepUpPrompt
          action={`approve ${awaitingStepUp.item.user?.full_name ?? "this person"} as an admin`}
          onDone={() => {
            const { item, decision } = awaitingStepUp;
            setAwaitingStepUp(null);
            void decide(item, decision);
          }}
          onCancel={() => setAwaitingStepUp(null)}
        />
      )}
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">Waiting for a decision ({pending.length})</h2>
        {pending.length === 0 && <p className="text-slate-600" data-testid="approvals-empty">No one is waiting. New signups appear here within a few seconds.</p>}
        {pending.length > 1 && (
          <div role="group" aria-label="Decide several" data-testid="bulk-bar" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 sm:flex-row sm:items-center sm:justify-between">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                data-testid="select-all"
                className="h-5 w-5"
                checked={allChosen}
                onChange={(e) => setSelected(e.target.checked ? new Set(pending.map((i) => i.id)) : new Set())}
              />
              Select all ({pending.length})
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <button type="button" data-testid="bulk-approve" disabled={bulkBusy || chosen.length === 0} onClick={() => void decideSelected("approve", chosen)}
                className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
                Approve {chosen.length || ""} as student{chosen.length === 1 ? "" : "s"}
              </button>
              <ConfirmDialog
                trigger={`Reject ${chosen.length || ""}`.trim()}
                triggerClassName="rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
                disabled={bulkBusy || chosen.length === 0}
                testId="bulk-reject"
                title={`Reject ${chosen.length} signup request${chosen.length === 1 ? "" : "s"}?`}
                confirm={`Reject ${chosen.length}`}
                confirmClassName="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
                onConfirm={() => void decideSelected("reject", chosen)}
              >
                <p>They are told their request was rejected and cannot sign in. They may sign up again.</p>
              </ConfirmDialog>
            </div>
          </div>
        )}
        {bulkResults && (
          <div className="rounded-xl border border-slate-200 bg-white p-3 text-sm" data-testid="bulk-results">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="font-semibold">Results</h3>
              <button type="button" onClick={() => setBulkResults(null)} className="text-sm font-medium text-brand-700 underline">Dismiss</button>
            </div>
            <ul className="mt-1 space-y-0.5">
              {bulkResults.map((r) => (
                <li key={r.id} data-testid="bulk-result" data-ok={r.ok}>
                  <span aria-hidden="true" className={r.ok ? "text-green-700" : "text-red-700"}>{r.ok ? "✓" : "✗"}</span> <strong>{r.name}</strong>: {r.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ul className="space-y-3">
          {pending.map((item) => {
            const left = Math.max(0, Math.ceil((Date.parse(item.expires_at) - serverNow) / 1000));
            const busy = busyId === item.id;
            const name = item.user?.full_name ?? "Unknown";
            return (
              <li key={item.id} data-testid="approval-pending" data-email={item.user?.email} className="rounded-xl border border-slate-200 bg-white p-4">
                <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
                  <label className="flex min-w-0 items-baseline gap-2">
                    {pending.length > 1 && (
                      <input type="checkbox" data-testid="select-request" className="h-5 w-5 shrink-0 self-center" checked={selected.has(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} aria-label={`Select ${name}`} />
                    )}
                    <span className="min-w-0 break-words font-semibold">{name} <span className="font-normal text-slate-600">{item.user?.email}</span></span>
                  </label>
                  <p className="text-sm text-slate-600">
                    Expires in <span role="timer" className="font-mono font-semibold tabular-nums text-slate-900">{remainingLabel(left)}</span>
                  </p>
                </div>
                {/* a signup that gave a course's join code: approving enrols them there */}
                <p className="mt-1 text-sm text-slate-700" data-testid="approval-course">
                  {item.course ? <>For <strong>{item.course.code}</strong> {item.course.title}: approving as a student enrols them.</> : "No course named: a college-wide decision."}
                </p>
                <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
                  <button type="button" disabled={busy} onClick={() => decide(item, { decision: "approved", approved_role: "student" })}
                    aria-label={`Approve as student: ${name}`}
                    className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
                    Approve as student
                  </button>
                  <label className="sr-only" htmlFor={`reason-${item.id}`}>Reason for rejecting {name} (optional)</label>
                  <input id={`reason-${item.id}`} placeholder="Reason (optional)" maxLength={500} value={reasons[item.id] ?? ""}
                    onChange={(e) => setReasons((r) => ({ ...r, [item.id]: e.target.value }))}
                    className="rounded-lg border border-slate-300 px-3 py-2 sm:w-48" />
                  <button type="button" disabled={busy}
                    onClick={() => decide(item, { decision: "rejected", ...(reasons[item.id]?.trim() ? { reason: reasons[item.id]!.trim() } : {}) })}
                    aria-label={`Reject: ${name}`}
                    className="rounded-lg border border-red-300 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
                    Reject
                  </button>
                </div>
                {grantsStaff && (
                <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-sm text-slate-600">
                  <span>Staff member?</span>
                  <ConfirmDialog
                    trigger="Approve as instructor…"
                    triggerLabel={`Approve as instructor: ${name}`}
                    triggerClassName="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900 disabled:opacity-60"
                    disabled={busy}
                    testId="approve-instructor"
                    title={`Approve ${name} as an instructor?`}
                    confirm={`Approve ${name.split(" ")[0]} as instructor`}
                    onConfirm={() => void decide(item, { decision: "approved", approved_role: "instructor" })}
                  >
                    <InstructorRightsExplained />
                  </ConfirmDialog>
                  <ConfirmDialog
                    trigger="Approve as admin…"
                    triggerLabel={`Approve as admin: ${name}`}
                    triggerClassName="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900 disabled:opacity-60"
                    disabled={busy}
                    testId="approve-admin"
                    title={`Approve ${name} as an admin?`}
                    confirm={`Approve ${name.split(" ")[0]} as admin`}
                    onConfirm={() => void decide(item, { decision: "approved", approved_role: "admin" })}
                  >
                    <AdminRightsExplained />
                  </ConfirmDialog>
                </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">Recent decisions</h2>
        {recent.length === 0 ? (
          <p className="text-slate-600">None yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {recent.map((item) => (
              <li key={item.id} data-testid="approval-decided" data-email={item.user?.email} data-status={item.status} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:justify-between">
                <span><strong>{item.user?.full_name}</strong> <span className="text-slate-600">{item.user?.email}</span>{item.course && <span className="text-slate-700"> · {item.course.code}</span>}</span>
                <span className="text-slate-700">
                  {item.status === "approved" && `Approved as ${item.approved_role}`}
                  {item.status === "rejected" && `Rejected${item.reason ? `: ${item.reason}` : ""}`}
                  {item.status === "expired" && "Expired without a decision"}
                  {item.decided_by && ` by ${item.decided_by.full_name}`}
                  {item.decided_at && <> at <Time value={item.decided_at} style="time-seconds" /></>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
