// How long this process's event loop was held (docs/performance.md#marks-first): Node's own
// event-loop delay histogram (perf_hooks.monitorEventLoopDelay), read every 10 s into a ring of
// six, so the figure covers the last minute. A long stall here is a request (or a timer) that
// kept every other request — the check-ins first — waiting that long. Kept on globalThis: the
// server starts it (server.ts) and the metrics route, in a Next bundle of its own, reads it.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

const SLICE_MS = 10_000;
const SLICES = 6;

interface Slice {
  maxMs: number;
  p99Ms: number;
}
interface Monitor {
  histogram: IntervalHistogram;
  ring: Slice[];
  timer: NodeJS.Timeout;
}

const store = globalThis as unknown as { rollcallEventLoop?: Monitor };

/** ms from the histogram's nanoseconds, to a tenth (0 when nothing was sampled) */
const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e5) / 10 : 0);

function read(h: IntervalHistogram): Slice {
  return h.count > 0 ? { maxMs: ms(h.max), p99Ms: ms(h.percentile(99)) } : { maxMs: 0, p99Ms: 0 };
}

/** Start measuring (once per process). `resolution`: how often the loop is sampled, in ms. */
export function startEventLoopMonitor(resolution = 10): void {
  if (store.rollcallEventLoop) return;
  const histogram = monitorEventLoopDelay({ resolution });
  histogram.enable();
  const ring: Slice[] = [];
  const timer = setInterval(() => {
    ring.push(read(histogram));
    if (ring.length > SLICES) ring.shift();
    histogram.reset();
  }, SLICE_MS);
  timer.unref();
  store.rollcallEventLoop = { histogram, ring, timer };
}

export interface EventLoopDelay {
  window_seconds: number;
  max_delay_ms: number;
  p99_delay_ms: number;
}

/** The last minute's longest stall and p99 delay (the worst 10-s slice's), or null when not measured. */
export function eventLoopDelay(): EventLoopDelay | null {
  const m = store.rollcallEventLoop;
  if (!m) return null;
  const slices = [...m.ring, read(m.histogram)];
  return {
    window_seconds: (SLICE_MS * Math.min(SLICES + 1, slices.length)) / 1000,
    max_delay_ms: Math.max(...slices.map((s) => s.maxMs)),
    p99_delay_ms: Math.max(...slices.map((s) => s.p99Ms)),
  };
}
