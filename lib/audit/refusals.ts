// Refused requests are audited in aggregate (docs/authentication.md, "Refusals"). A refused
// login or scan (rate-limited, or aimed at a locked account) must cost at most a read: one
// audit row each would let a flood write as fast as it can send (426 refused logins once made
// 427 rows). So each instance tallies refusals in memory per action and subject, and writes ONE
// audit entry per subject and window with the count and the first and last time: when the
// window has ended (noticed by the next refusal, or a timer every 15 s) and at shutdown
// (server.ts calls flushRefusals). A crash loses at most one window's tallies of one instance.
import { systemClock, type Clock } from "../clock";
import type { Ctx } from "../context";
import type { Db } from "../db";
import { errorFields, log } from "../log";
import { recordAudit } from "./record";

export const REFUSAL_WINDOW_SECONDS = 60;
const TIMER_MS = 15_000;

export interface Refusal {
  action: "login_refused" | "scan_refused" | "refresh_refused";
  /** what was refused, e.g. "ip:10.0.0.7" or "acct:<hash>": one entry per subject and window */
  subject: string;
  targetType?: string;
  targetId?: string | null;
  details: Record<string, unknown>;
}

interface Tally extends Refusal {
  db: Db;
  who: Pick<Ctx, "ip" | "userAgent" | "deviceId">;
  count: number;
  firstAt: Date;
  lastAt: Date;
  windowEnd: number;
}

// On globalThis: route handlers are bundled separately, and server.ts flushes them all at shutdown.
interface State {
  tallies: Map<string, Tally>;
  nextDue: number;
  timer?: NodeJS.Timeout;
}
const shared = globalThis as unknown as { rollcallRefusals?: State };
const state: State = (shared.rollcallRefusals ??= { tallies: new Map(), nextDue: Infinity });

/**
 * Count one refused request. No I/O, except that the first refusal after a window ended writes
 * that window's entries (one write per window, not per refusal).
 */
export async function noteRefusal(ctx: Ctx, refusal: Refusal): Promise<void> {
  const now = ctx.clock.now();
  await flushRefusals(now);
  const id = `${refusal.action}|${refusal.subject}`;
  let tally = state.tallies.get(id);
  if (!tally) {
    tally = { ...refusal, db: ctx.db, who: { ip: ctx.ip, userAgent: ctx.userAgent, deviceId: ctx.deviceId }, count: 0, firstAt: now, lastAt: now, windowEnd: now.getTime() + REFUSAL_WINDOW_SECONDS * 1000 };
    state.tallies.set(id, tally);
    state.nextDue = Math.min(state.nextDue, tally.windowEnd);
  }
  tally.count++;
  tally.lastAt = now;
  state.timer ??= setInterval(() => void flushRefusals(systemClock.now()), TIMER_MS).unref();
}

/** Write the entries whose window ended by `now` (all of them when `now` is omitted: shutdown). */
export async function flushRefusals(now?: Date): Promise<number> {
  if (now && now.getTime() < state.nextDue) return 0;
  const due = [...state.tallies.entries()].filter(([, t]) => !now || t.windowEnd <= now.getTime());
  for (const [id] of due) state.tallies.delete(id);
  state.nextDue = Infinity;
  for (const t of state.tallies.values()) state.nextDue = Math.min(state.nextDue, t.windowEnd);
  await Promise.all(due.map(([, t]) => writeTally(t)));
  return due.length;
}

async function writeTally(t: Tally): Promise<void> {
  const clock: Clock = { now: () => t.lastAt };
  try {
    await recordAudit(t.db, { ...t.who, clock }, {
      action: t.action,
      targetType: t.targetType,
      targetId: t.targetId ?? null,
      details: { ...t.details, count: t.count, first_at: t.firstAt.toISOString(), last_at: t.lastAt.toISOString(), window_seconds: REFUSAL_WINDOW_SECONDS },
    });
  } catch (error) {
    log("error", "refusal audit entry lost", { action: t.action, subject: t.subject, count: t.count, ...errorFields(error) });
  }
}
