// In-process latency recorder: a ring buffer of recent timings per metric, summarised as
// p50/p95 over a sliding window (docs/design.md#performance). Per process: with several app
// instances each reports its own traffic. Kept on globalThis because Next may bundle this
// module into more than one server chunk, and every copy must feed the same buffer.

export const TIMED_METRICS = ["qr_verification", "login", "mark"] as const;
export type TimedMetric = (typeof TIMED_METRICS)[number];

export const WINDOW_MS = 15 * 60_000;
const CAPACITY = 20_000;

interface Ring {
  at: Float64Array;
  ms: Float64Array;
  next: number;
  size: number;
}

export interface LatencySummary {
  count: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

function newRing(capacity = CAPACITY): Ring {
  return { at: new Float64Array(capacity), ms: new Float64Array(capacity), next: 0, size: 0 };
}

const store = globalThis as unknown as { rollcallMetrics?: Map<string, Ring> };
function rings(): Map<string, Ring> {
  store.rollcallMetrics ??= new Map();
  return store.rollcallMetrics;
}

/** Record one timing in milliseconds (at = when it finished, epoch ms). */
export function recordTiming(name: TimedMetric, ms: number, at: number = Date.now()): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  let ring = rings().get(name);
  if (!ring) rings().set(name, (ring = newRing()));
  ring.at[ring.next] = at;
  ring.ms[ring.next] = ms;
  ring.next = (ring.next + 1) % ring.at.length;
  ring.size = Math.min(ring.size + 1, ring.at.length);
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: sorted.length, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

/** p50/p95 of the timings recorded within the last `windowMs` before `now`. */
export function latencySummary(name: TimedMetric, now: number = Date.now(), windowMs = WINDOW_MS): LatencySummary {
  const ring = rings().get(name);
  if (!ring) return summarize([]);
  const values: number[] = [];
  for (let i = 0; i < ring.size; i++) {
    const at = ring.at[i]!;
    if (at > now - windowMs && at <= now) values.push(ring.ms[i]!);
  }
  return summarize(values);
}

/** Tests only: forget everything recorded in this process. */
export function resetTimings(): void {
  rings().clear();
}

/** Time an async function and record its duration under `name`. */
export async function timed<T>(name: TimedMetric, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    recordTiming(name, performance.now() - started);
  }
}
