"use client";
// The projector loop. One request in flight at a time (a self-rescheduling timeout, never an
// interval), every timer cleared on unmount, and time taken from the server: the offset
// between the server's clock and this PC's is measured on every response, so a display PC
// with a wrong clock still rotates on time. A new code is fetched before the current one is
// due; older codes stay valid until they expire, so two tabs never invalidate each other.
import { useCallback, useEffect, useRef, useState } from "react";
import { QrDisplay } from "./QrDisplay";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi } from "@/lib/client/call-api";
import type { CheckinStatusOut } from "@/lib/events/schemas";
import type { QrSessionOut } from "@/lib/qr/schemas";

type Code = Pick<QrSessionOut, "id" | "qr_url" | "short_code" | "issued_at" | "expires_at">;
type State = CheckinStatusOut["checkin_state"];

const POLL_MS = 2000;
const REQUEST_TIMEOUT_MS = 6000;
/** never show a code this close to its expiry */
const STALE_MARGIN_MS = 3000;

const opts = { timeoutMs: REQUEST_TIMEOUT_MS };
type Control = "POST /api/events/{id}/checkin/start" | "POST /api/events/{id}/checkin/stop" | "POST /api/events/{id}/qr-sessions/revoke";

export function Projector({ eventId, title, initialState, rotationSeconds }: { eventId: string; title: string; initialState: State; rotationSeconds: number }) {
  const [code, setCode] = useState<Code | null>(null);
  const [state, setState] = useState<State>(initialState);
  const [count, setCount] = useState<number | null>(null);
  const [online, setOnline] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const offsetRef = useRef(0);
  const [offset, setOffset] = useState(0);
  const codeRef = useRef<Code | null>(null);
  const stateRef = useRef<State>(initialState);
  const timerRef = useRef<number | null>(null);
  const busyRef = useRef(false);
  const aliveRef = useRef(true);
  const forceRef = useRef(false);
  const hydrated = useHydrated();

  const serverNow = useCallback(() => Date.now() + offsetRef.current, []);

  const learnOffset = (serverTime: string, sentAt: number) => {
    const receivedAt = Date.now();
    offsetRef.current = Date.parse(serverTime) - (sentAt + receivedAt) / 2;
    setOffset(offsetRef.current);
  };

  const applyState = (s: State) => {
    stateRef.current = s;
    setState(s);
    if (s !== "open") {
      codeRef.current = null;
      setCode(null);
    }
  };

  const tick = useCallback(async () => {
    if (!aliveRef.current || busyRef.current) return;
    busyRef.current = true;
    let next = POLL_MS;
    try {
      const current = codeRef.current;
      const due = current ? Date.parse(current.issued_at) + rotationSeconds * 1000 - 500 : 0;
      const sentAt = Date.now();
      if (stateRef.current === "open" && (forceRef.current || !current || serverNow() >= due)) {
        forceRef.current = false;
        const res = await callApi("POST /api/admin/qr-sessions", { body: { event_id: eventId } }, opts);
        if (res.ok) {
          learnOffset(res.data.server_time, sentAt);
          codeRef.current = res.data;
          setCode(res.data);
          setCount(res.data.attendance_count);
          next = Math.min(POLL_MS, Math.max(200, Date.parse(res.data.issued_at) + rotationSeconds * 1000 - 500 - serverNow()));
        } else if (res.error.code === "event_closed") {
          const s = await callApi("GET /api/events/{id}/checkin", { params: { id: eventId } }, opts);
          if (!s.ok) throw new Error(s.error.code);
          learnOffset(s.data.server_time, sentAt);
          applyState(s.data.checkin_state);
        } else {
          throw new Error(res.error.code);
        }
      } else {
        const s = await callApi("GET /api/events/{id}/checkin", { params: { id: eventId }, query: current ? { code: current.id } : {} }, opts);
        if (!s.ok) throw new Error(s.error.code);
        learnOffset(s.data.server_time, sentAt);
        setCount(s.data.attendance_count);
        applyState(s.data.checkin_state);
        if (s.data.code_revoked === true && codeRef.current?.id === current?.id) {
          // revoked elsewhere (another tab, revoke-all): never leave a dead code on screen
          codeRef.current = null;
          setCode(null);
          forceRef.current = true;
          next = 0;
        }
        if (codeRef.current && !forceRef.current) next = Math.min(POLL_MS, Math.max(200, Date.parse(codeRef.current.issued_at) + rotationSeconds * 1000 - 500 - serverNow()));
      }
      setOnline(true);
    } catch {
      setOnline(false);
      next = POLL_MS;
    } finally {
      busyRef.current = false;
      if (aliveRef.current) timerRef.current = window.setTimeout(tick, next);
    }
  }, [eventId, rotationSeconds, serverNow]);

  useEffect(() => {
    aliveRef.current = true;
    timerRef.current = window.setTimeout(tick, 0);
    const clock = window.setInterval(() => setNow(Date.now()), 250);
    return () => {
      aliveRef.current = false;
      if (timerRef.current !== null) window.clearTimeout(timerRef.current);
      window.clearInterval(clock);
    };
  }, [tick]);

  const kick = () => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = window.setTimeout(tick, 0);
  };

  const control = async (key: Control) => {
    const r = await callApi(key, { params: { id: eventId } }, opts);
    if (r.ok) {
      if ("checkin_state" in r.data) applyState(r.data.checkin_state);
      forceRef.current = true;
      codeRef.current = null;
      setCode(null);
      setOnline(true);
    } else {
      setOnline(false);
    }
    kick();
  };

  const sNow = now + offset;
  const fresh = code && sNow < Date.parse(code.expires_at) - STALE_MARGIN_MS ? code : null;
  const remaining = code ? Math.max(0, Date.parse(code.issued_at) + rotationSeconds * 1000 - sNow) : 0;
  const fraction = Math.min(1, remaining / (rotationSeconds * 1000));
  const RING = 2 * Math.PI * 45;

  return (
    <div data-testid="projector" data-hydrated={hydrated} data-state={state} className="fixed inset-0 z-40 flex flex-col bg-white text-slate-950">
      <header className="flex items-center justify-between gap-4 px-6 py-3">
        <h1 data-testid="projector-title" className="truncate text-3xl font-extrabold">{title}</h1>
        <div className="flex items-center gap-6">
          <p className="text-right">
            <span data-testid="projector-count" className="block text-5xl font-black tabular-nums">{count ?? "–"}</span>
            <span className="text-sm uppercase tracking-wide text-slate-600">marked</span>
          </p>
          <svg viewBox="0 0 100 100" className="h-16 w-16" role="img" aria-label={`${Math.ceil(remaining / 1000)} seconds until the next code`}>
            <circle cx="50" cy="50" r="45" fill="none" stroke="#e2e8f0" strokeWidth="10" />
            <circle cx="50" cy="50" r="45" fill="none" stroke="#184eaa" strokeWidth="10" strokeDasharray={RING} strokeDashoffset={RING * (1 - fraction)} transform="rotate(-90 50 50)" />
            <text data-testid="projector-countdown" x="50" y="58" textAnchor="middle" fontSize="28" fontWeight="700">{fresh ? Math.ceil(remaining / 1000) : ""}</text>
          </svg>
        </div>
      </header>
      {!online && (
        <p data-testid="projector-offline" className="bg-rose-700 px-6 py-3 text-center text-xl font-bold text-white">
          Lost connection to the server — retrying. {fresh ? "This code still works until it expires." : "No valid code to show."}
        </p>
      )}
      <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 px-4">
        {state === "open" && fresh ? (
          <>
            <div className="aspect-square h-full max-h-[calc(100dvh-14rem)] max-w-full">
              <QrDisplay value={fresh.qr_url} />
            </div>
            <p className="text-2xl text-slate-700">
              No camera? Type <span data-testid="projector-short-code" className="font-mono text-4xl font-black tracking-[0.3em] text-slate-950">{fresh.short_code}</span>
            </p>
          </>
        ) : (
          <p data-testid="projector-message" className="text-center text-3xl font-bold text-slate-700">
            {state === "open" ? "Getting a fresh code…" : state === "stopped" ? "Check-in stopped." : state === "ended" ? "This event has ended; check-in is closed." : state === "archived" ? "This event is archived." : "Check-in has not started."}
          </p>
        )}
      </div>
      <footer className="flex flex-wrap items-center justify-center gap-3 px-6 py-3">
        {state === "open" ? (
          <button type="button" data-testid="stop-checkin" onClick={() => void control("POST /api/events/{id}/checkin/stop")} className="rounded-lg bg-slate-800 px-5 py-2 font-semibold text-white">Stop check-in</button>
        ) : state === "not_started" || state === "stopped" ? (
          <button type="button" data-testid="start-checkin" onClick={() => void control("POST /api/events/{id}/checkin/start")} className="rounded-lg bg-brand-700 px-5 py-2 font-semibold text-white">Start check-in</button>
        ) : null}
        <button type="button" data-testid="revoke-all" onClick={() => void control("POST /api/events/{id}/qr-sessions/revoke")} className="rounded-lg border border-rose-300 px-5 py-2 font-semibold text-rose-800">Revoke all codes</button>
        <a href={`/admin/events/${eventId}`} className="rounded-lg border border-slate-300 px-5 py-2 font-semibold">Exit</a>
      </footer>
    </div>
  );
}
