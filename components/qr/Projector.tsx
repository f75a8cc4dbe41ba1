"use client";
// The projector loop. One request in flight at a time (a self-rescheduling timeout, never an
// interval), every timer cleared on unmount, and time taken from the server: the offset
// between the server's clock and this PC's is measured on every response, so a display PC
// with a wrong clock still rotates on time. A new code is fetched before the current one is
// due; older codes stay valid until they expire, so two tabs never invalidate each other.
// Laid out for the back row (docs/design.md#the-projector): the QR on the left as tall as the
// screen, and beside it, never inside its quiet zone, the count, the countdown, the short code
// with the address to type it at, and the controls (hidden in presentation mode until the
// mouse moves or a key is pressed).
import { Fragment, useCallback, useEffect, useRef, useState } from "react";
import { QrDisplay } from "./QrDisplay";
import { usePresentation } from "./use-presentation";
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

/** "http://rollcall.college.edu/c" → ["http://", "rollcall", ".college", ".edu", "/c"]: where the address may wrap. */
export function addressParts(address: string): string[] {
  const scheme = /^[a-z]+:\/\//i.exec(address)?.[0] ?? "";
  return [scheme, ...address.slice(scheme.length).split(/(?=[./])/)].filter(Boolean);
}
type Control = "POST /api/events/{id}/checkin/start" | "POST /api/events/{id}/checkin/stop" | "POST /api/events/{id}/qr-sessions/revoke";

type Destructive = "stop" | "revoke";

export interface ProjectorProps {
  eventId: string;
  title: string;
  initialState: State;
  rotationSeconds: number;
  /** the short address that opens the scanner's code field, e.g. "rollcall.college.edu/c" */
  joinAddress: string;
  /** why phones cannot open APP_URL (localhost, loopback, plain http in production), or null */
  appUrlWarning: string | null;
}

const CONFIRM: Record<Destructive, { question: string; action: string }> = {
  stop: { question: "Stop check-in? The code on screen stops working at once and students can no longer mark themselves.", action: "Yes, stop check-in" },
  revoke: { question: "Revoke every code of this event? Phones holding one are refused; a new code appears at once.", action: "Yes, revoke all codes" },
};

export function Projector({ eventId, title, initialState, rotationSeconds, joinAddress, appUrlWarning }: ProjectorProps) {
  const [code, setCode] = useState<Code | null>(null);
  const [state, setState] = useState<State>(initialState);
  const [count, setCount] = useState<number | null>(null);
  const [online, setOnline] = useState(true);
  // 503 qr_key_revoked: this server still runs with a QR secret a compromise rotation revoked. The
  // network is fine; the lecturer should not go looking for a cable (docs/deployment.md).
  const [rekeying, setRekeying] = useState(false);
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
  const [confirming, setConfirming] = useState<Destructive | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const presentation = usePresentation();

  const serverNow = useCallback(() => Date.now() + offsetRef.current, []);

  // The question replaces the buttons and is taller than they are: on a screen squarer than
  // 16:9 (1280×900, a 4:3 projector) the column then overflows and scrolls. Focus goes to
  // Cancel (the safe answer), which also scrolls the question and its buttons into view.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

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
      setRekeying(false);
    } catch (error) {
      const revokedKey = error instanceof Error && error.message === "qr_key_revoked";
      setRekeying(revokedKey);
      setOnline(revokedKey);
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

  const control = async (key: Control): Promise<string | null> => {
    setBusy(true);
    const r = await callApi(key, { params: { id: eventId } }, opts);
    setBusy(false);
    if (r.ok) {
      if ("checkin_state" in r.data) applyState(r.data.checkin_state);
      forceRef.current = true;
      codeRef.current = null;
      setCode(null);
      setOnline(true);
      kick();
      return "revoked" in r.data ? `Revoked ${r.data.revoked} code${r.data.revoked === 1 ? "" : "s"}. A new code replaces it on screen.` : "checkin_state" in r.data && r.data.checkin_state === "open" ? "Check-in started." : "Check-in stopped. The code on screen no longer works.";
    }
    if (r.error.code === "offline") setOnline(false);
    kick();
    setDone(`Not done: ${r.error.message}`);
    return null;
  };

  const confirmed = async (what: Destructive) => {
    setConfirming(null);
    const said = await control(what === "stop" ? "POST /api/events/{id}/checkin/stop" : "POST /api/events/{id}/qr-sessions/revoke");
    if (said) setDone(said);
  };

  const start = async () => {
    const said = await control("POST /api/events/{id}/checkin/start");
    if (said) setDone(said);
  };

  const sNow = now + offset;
  const fresh = code && sNow < Date.parse(code.expires_at) - STALE_MARGIN_MS ? code : null;
  const remaining = code ? Math.max(0, Date.parse(code.issued_at) + rotationSeconds * 1000 - sNow) : 0;
  const fraction = Math.min(1, remaining / (rotationSeconds * 1000));
  const seconds = fresh ? Math.ceil(remaining / 1000) : null;
  const hideCursor = presentation.presenting && !presentation.controlsShown;
  const button = "rounded-lg px-4 py-2 text-base font-semibold";

  return (
    <div data-testid="projector" data-hydrated={hydrated} data-state={state} data-presenting={presentation.presenting} className={`fixed inset-0 z-40 flex flex-col bg-white text-slate-950 ${hideCursor ? "cursor-none" : ""}`}>
      {rekeying && (
        <p data-testid="projector-rekeying" role="status" className="shrink-0 bg-amber-300 px-6 py-[1.2vh] text-center text-[length:max(1.125rem,2.6vh)] font-bold text-slate-950">
          Codes are being re-keyed after a security reset; a new code appears as soon as this server restarts.
        </p>
      )}
      {!online && (
        <p data-testid="projector-offline" role="alert" className="shrink-0 bg-rose-700 px-6 py-[1.2vh] text-center text-[length:max(1.125rem,2.6vh)] font-bold text-white">
          Lost connection to the server — retrying. {fresh ? "This code still works until it expires." : "No valid code to show."}
        </p>
      )}
      <div className="flex min-h-0 flex-1 gap-[3vh] p-[2vh]">
        <div data-testid="projector-code-area" className="flex aspect-square h-full max-w-[62vw] shrink-0 items-center justify-center">
          {state === "open" && fresh ? (
            <QrDisplay value={fresh.qr_url} />
          ) : (
            <p data-testid="projector-message" className="px-[3vh] text-center text-[5vh] font-bold text-slate-700">
              {state === "open" ? "Getting a fresh code…" : state === "stopped" ? "Check-in stopped." : state === "ended" ? "This event has ended; check-in is closed." : state === "archived" ? "This event is archived." : "Check-in has not started."}
            </p>
          )}
        </div>
        {/* a column still taller than the screen once the title has given way scrolls (see the confirmation below) */}
        <section aria-label="Check-in" className="flex min-h-0 min-w-0 flex-1 flex-col gap-[2.5vh] overflow-y-auto">
          <h1 data-testid="projector-title" className="line-clamp-2 text-[4.5vh] leading-tight font-extrabold">{title}</h1>
          <div className="flex flex-wrap items-end gap-x-[5vh] gap-y-[1vh]">
            <p>
              <span data-testid="projector-count" className="block text-[12vh] leading-none font-black tabular-nums">{count ?? "–"}</span>
              <span className="block text-[2.6vh] font-semibold text-slate-600">marked</span>
            </p>
            <div>
              <p className="flex items-baseline gap-[1vh]">
                <span data-testid="projector-countdown" className="block min-w-[1.2em] text-[8vh] leading-none font-black tabular-nums text-brand-700">{seconds ?? ""}</span>
                <span className="text-[3vh] font-bold text-brand-700">s</span>
              </p>
              <span className="block text-[2.6vh] font-semibold text-slate-600">until the next code</span>
              <span aria-hidden="true" className="mt-[0.8vh] block h-[0.8vh] w-[16vh] overflow-hidden rounded-full bg-slate-200">
                <span className="block h-full rounded-full bg-brand-700" style={{ width: `${fresh ? fraction * 100 : 0}%` }} />
              </span>
            </div>
          </div>
          {state === "open" && fresh && (
            <div data-testid="projector-join">
              {/* the address is read from the back row as much as the code: the same size, wrapping
                  only where an address naturally breaks (after "://", before a dot or a slash) */}
              <p className="text-[2.8vh] leading-snug text-slate-700">
                No camera? Go to{" "}
                <strong data-testid="projector-join-address" className="block text-[8vh] leading-tight font-extrabold text-slate-950 [overflow-wrap:anywhere]">
                  {addressParts(joinAddress).map((part, i) => (
                    <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>
                  ))}
                </strong>{" "}
                and type
              </p>
              <p data-testid="projector-short-code" className="font-mono text-[8vh] leading-tight font-black tracking-[0.12em] text-slate-950">{fresh.short_code}</p>
            </div>
          )}
          <div data-testid="projector-controls" className={`mt-auto space-y-3 ${presentation.controlsShown ? "" : "invisible"}`}>
            {appUrlWarning && (
              <p data-testid="projector-app-url-warning" role="note" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                <strong>Before class:</strong> {appUrlWarning}
              </p>
            )}
            <p data-testid="projector-status" role="status" aria-live="polite" className="min-h-[1.5rem] text-base font-semibold text-slate-800">{done}</p>
            {confirming ? (
              <div data-testid="projector-confirm" className="space-y-2 rounded-lg border-2 border-rose-300 bg-rose-50 p-3">
                <p className="text-base text-rose-950">{CONFIRM[confirming].question}</p>
                <div className="flex flex-wrap gap-2">
                  <button type="button" data-testid="confirm-yes" disabled={busy} onClick={() => void confirmed(confirming)} className={`${button} bg-rose-700 text-white`}>{CONFIRM[confirming].action}</button>
                  <button type="button" ref={cancelRef} data-testid="confirm-cancel" onClick={() => setConfirming(null)} className={`${button} border border-slate-300 bg-white`}>Cancel</button>
                </div>
              </div>
            ) : (
              <div className="flex flex-wrap gap-2">
                {state === "open" ? (
                  <button type="button" data-testid="stop-checkin" onClick={() => { setDone(""); setConfirming("stop"); }} className={`${button} bg-slate-800 text-white`}>Stop check-in</button>
                ) : state === "not_started" || state === "stopped" ? (
                  <button type="button" data-testid="start-checkin" disabled={busy} onClick={() => void start()} className={`${button} bg-brand-700 text-white`}>Start check-in</button>
                ) : null}
                <button type="button" data-testid="revoke-all" onClick={() => { setDone(""); setConfirming("revoke"); }} className={`${button} border border-rose-300 text-rose-800`}>Revoke all codes</button>
                {presentation.presenting ? (
                  <button type="button" data-testid="present-exit" onClick={presentation.stop} className={`${button} border border-slate-300`}>Leave full screen</button>
                ) : (
                  <button type="button" data-testid="present" onClick={presentation.start} className={`${button} border border-slate-300`}>Present full screen</button>
                )}
                <a href={`/admin/events/${eventId}`} className={`${button} border border-slate-300`}>Exit</a>
              </div>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
