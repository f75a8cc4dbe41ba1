import { describe, expect, it } from "vitest";
import { eventLoopDelay, startEventLoopMonitor } from "./event-loop";

const hold = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* the loop is held */
  }
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("event-loop delay", () => {
  it("is null until started, then reports a stall at least as long as the loop was held", async () => {
    expect(eventLoopDelay()).toBeNull();
    startEventLoopMonitor();
    await tick(50);
    hold(120);
    await tick(50);
    const d = eventLoopDelay()!;
    expect(d.window_seconds).toBeGreaterThanOrEqual(10);
    expect(d.max_delay_ms).toBeGreaterThanOrEqual(100);
    expect(d.p99_delay_ms).toBeLessThanOrEqual(d.max_delay_ms);
  });
});
