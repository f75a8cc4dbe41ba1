"use client";
// The waiting page: polls the signup status every few seconds and counts down to the
// request's expiry; flips to approved / rejected / expired without a manual refresh. A student
// not on a roster can give a course's join code here: that course's instructors then decide,
// and the request waits until the course's next session ends (POST /api/auth/signup/course).
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { Time } from "@/components/ui/Time";
import { readSignupHandoff, type SignupHandoff } from "@/lib/accounts/signup-handoff";
import { callApi, type ApiOut } from "@/lib/client/call-api";

const POLL_MS = 3000;

type StatusJson = ApiOut<"POST /api/auth/signup/status">;

function formatRemaining(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function PendingStatus() {
  const [handoff, setHandoff] = useState<SignupHandoff | null | undefined>(undefined);
  const [status, setStatus] = useState<StatusJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [skew, setSkew] = useState(0); // server clock minus browser clock

  useEffect(() => {
    // sessionStorage exists only in the browser: read it after mount
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHandoff(readSignupHandoff());
  }, []);

  const final = status && status.approval_request.status !== "pending";
  useEffect(() => {
    if (!handoff || final) return;
    let stopped = false;
    const controller = new AbortController();
    async function poll() {
      try {
        const res = await callApi("POST /api/auth/signup/status", { body: { status_token: handoff!.status_token } }, { signal: controller.signal });
        if (stopped) return;
        if (res.ok) {
          setSkew(Date.parse(res.data.server_time) - Date.now());
          setStatus(res.data);
          setProblem(null);
        } else if (res.status === 400) {
          setProblem(res.error.message);
          return;
        } else {
          setProblem("Checking again in a moment…");
        }
      } catch {
        return; // aborted
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    let timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [handoff, final]);

  useEffect(() => {
    if (final) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [final]);

  if (handoff === undefined) return <p className="text-slate-600">Loading…</p>;
  if (handoff === null) {
    return (
      <div data-testid="pending-missing" className="space-y-3 text-slate-700">
        <p>This page shows the status of a signup made in this browser tab, and there is none here.</p>
        <p>
          <Link href="/login" className="font-semibold text-brand-700 underline">Log in</Link> to see whether your account was approved, or{" "}
          <Link href="/signup" className="font-semibold text-brand-700 underline">sign up</Link>.
        </p>
      </div>
    );
  }

  const req = status?.approval_request;
  const remaining = req ? Math.max(0, Math.ceil((Date.parse(req.expires_at) - (now + skew)) / 1000)) : null;
  const state = req?.status ?? "loading";
  // the server's answer names the address; the tab's own copy shows it before the first answer
  const email = status?.email ?? handoff.email;
  return (
    <div className="space-y-5">
      {email && <p className="text-slate-600">Signed up as <strong className="text-slate-900">{email}</strong>.</p>}
      <div aria-live="polite" data-testid="pending-status" data-status={state} className="rounded-xl border border-slate-200 bg-white p-5">
        {state === "loading" && <p>Checking your request…</p>}
        {state === "pending" && (
          <div className="space-y-2">
            <h2 className="text-lg font-semibold" data-testid="pending-decider">
              {req?.course ? `Waiting for the instructors of ${req.course.code} ${req.course.title}` : "Waiting for an administrator"}
            </h2>
            <p className="text-slate-600">Keep this page open; it updates by itself.</p>
          </div>
        )}
        {state === "approved" && (
          <div className="space-y-3">
            <h2 className="text-lg font-semibold text-emerald-800">Approved — you can log in now</h2>
            <Link href={email ? `/login?email=${encodeURIComponent(email)}` : "/login"} data-testid="pending-login"
              className="inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900">Log in</Link>
          </div>
        )}
        {state === "rejected" && (
          <div className="space-y-2">
            <h2 className="text-lg font-semibold text-red-800">Your signup was not approved</h2>
            {req?.reason && <p>Reason given: {req.reason}</p>}
            <p>If you think this is a mistake, talk to your lecturer and <Link href="/signup" className="font-semibold underline">sign up again</Link>.</p>
          </div>
        )}
        {state === "expired" && (
          <div className="space-y-2">
            <h2 className="text-lg font-semibold text-amber-800">Your request expired</h2>
            <p>No administrator decided in time. <Link href="/signup" className="font-semibold underline">Sign up again</Link> to send a new request.</p>
          </div>
        )}
      </div>
      {state === "pending" && remaining !== null && req && (
        remaining > 3600 ? (
          <p className="text-slate-700" data-testid="pending-until">
            Your request waits until <Time value={req.expires_at} zone="college" />, the end of the course&apos;s next session.
          </p>
        ) : (
          <p className="text-slate-700">
            Time left for a decision:{" "}
            <span role="timer" data-testid="pending-countdown" className="font-mono text-2xl font-bold tabular-nums">{formatRemaining(remaining)}</span>
          </p>
        )
      )}
      {state === "pending" && req && !req.course && <CourseCode statusToken={handoff.status_token} onNamed={setStatus} serverTime={status!.server_time} email={status!.email} />}
      {problem && <p data-testid="pending-problem" className="text-sm text-red-700">{problem}</p>}
    </div>
  );
}

/** "Not on your course's list?": give the course's join code, so its instructors decide. */
function CourseCode({ statusToken, onNamed, serverTime, email }: { statusToken: string; onNamed: (s: StatusJson) => void; serverTime: string; email: string }) {
  const id = useId();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!code.trim()) return setError("Enter the code your lecturer gave you.");
    setBusy(true);
    setError(null);
    const res = await callApi("POST /api/auth/signup/course", { body: { status_token: statusToken, join_code: code } });
    setBusy(false);
    if (!res.ok) return setError(res.error.fields.join_code ?? res.error.message);
    onNamed({ server_time: serverTime, email, approval_request: res.data.approval_request });
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" data-testid="pending-course">
      <label htmlFor={`${id}-code`} className="block text-sm font-medium text-slate-800">Have a course join code?</label>
      <p id={`${id}-hint`} className="text-sm text-slate-600">Your lecturer&apos;s code lets that course&apos;s instructors approve you, enrols you, and gives them until the end of the next class.</p>
      <div className="flex flex-wrap gap-2">
        <input id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={32}
          aria-invalid={!!error} aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")} data-testid="pending-course-code"
          className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 font-mono uppercase" />
        <button type="submit" disabled={busy} className="min-h-11 rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60" data-testid="pending-course-submit">
          {busy ? "Sending…" : "Send to the course"}
        </button>
      </div>
      {error && <p id={`${id}-error`} role="alert" className="text-sm text-red-700" data-testid="pending-course-error">{error}</p>}
    </form>
  );
}
