// The mail that nobody's request triggers, found by sweeps in the long-lived server process
// (server.ts): the batched signup digest every few seconds, the daily low-attendance digest every
// few minutes. Each sweep's work is claimed in the database, so every instance may run them.
import type { Ctx } from "../context";
import { log } from "../log";
import { redactedErrorMessage } from "../security/redact";
import { sendLowAttendanceDigests } from "./low-attendance-digest";
import { announceWaitingSignups } from "./signup-digest";

const SIGNUP_SWEEP_MS = 5_000;
const LOW_ATTENDANCE_SWEEP_MS = 5 * 60_000;

function every(ms: number, name: string, makeCtx: () => Promise<Ctx>, work: (ctx: Ctx) => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void makeCtx()
      .then(work)
      .catch((error: unknown) => log("error", name, { error: redactedErrorMessage(error) }))
      .finally(() => (running = false));
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export function startMailSweeps(makeCtx: () => Promise<Ctx>): { stop(): void } {
  const stops = [
    every(SIGNUP_SWEEP_MS, "signup digest", makeCtx, announceWaitingSignups),
    every(LOW_ATTENDANCE_SWEEP_MS, "low-attendance digest", makeCtx, sendLowAttendanceDigests),
  ];
  return { stop: () => stops.forEach((stop) => stop()) };
}
