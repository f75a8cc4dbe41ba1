"use client";
// The admin approvals panel: polls the same JSON API integrators use (cookie session), shows
// each pending request's remaining time, decides with one click, and lists recent decisions.
import { useCallback, useEffect, useRef, useState } from "react";
import { StepUpPrompt } from "@/components/auth/StepUpPrompt";
import { Time } from "@/components/ui/Time";
import { callApi, type ApiOut, type CallArgs } from "@/lib/client/call-api";

const POLL_MS = 3000;

type ListJson = ApiOut<"GET /api/admin/approval-requests">;
type Item = ListJson["items"][number];
type Decision = CallArgs<"POST /api/admin/approval-requests/{id}/decide">["body"];

function remainingLabel(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function ApprovalsPanel({ initial }: { initial: ListJson }) {
  const [data, setData] = useState<ListJson>(initial);
  const [announce, setAnnounce] = useState("");
  const [busyId, setBusyId] = useState<string | null>(null);
  // approving as admin waits here for a fresh proof of presence (step-up), then is retried
  const [awaitingStepUp, setAwaitingStepUp] = useState<{ item: Item; decision: Decision } | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
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
      setAnnounce(`Confirm it is you to approve ${who} as an admin.`);
    } else {
      setAnnounce(`Could not decide for ${who}: ${res.error.message}`);
    }
    await refresh().catch(() => undefined);
    setBusyId(null);
  }

  const serverNow = now + skew;
  const pending = data.items.filter((i) => i.status === "pending" && Date.parse(i.expires_at) > serverNow);
  const recent = data.items.filter((i) => i.status !== "pending").slice(0, 20);

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
        <ul className="space-y-3">
          {pending.map((item) => {
            const left = Math.max(0, Math.ceil((Date.parse(item.expires_at) - serverNow) / 1000));
            const busy = busyId === item.id;
            const name = item.user?.full_name ?? "Unknown";
            return (
              <li key={item.id} data-testid="approval-pending" data-email={item.user?.email} className="rounded-xl border border-slate-200 bg-white p-4">
                <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
                  <p className="font-semibold">{name} <span className="font-normal text-slate-600">{item.user?.email}</span></p>
                  <p className="text-sm text-slate-600">
                    Expires in <span role="timer" className="font-mono font-semibold tabular-nums text-slate-900">{remainingLabel(left)}</span>
                  </p>
                </div>
                <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
                  <button type="button" disabled={busy} onClick={() => decide(item, { decision: "approved", approved_role: "student" })}
                    aria-label={`Approve as student: ${name}`}
                    className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900 disabled:opacity-60">
                    Approve as student
                  </button>
                  <button type="button" disabled={busy} onClick={() => decide(item, { decision: "approved", approved_role: "admin" })}
                    aria-label={`Approve as admin: ${name}`}
                    className="rounded-lg border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-600/10 disabled:opacity-60">
                    Approve as admin
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
                <span><strong>{item.user?.full_name}</strong> <span className="text-slate-600">{item.user?.email}</span></span>
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
