import { beforeEach, describe, expect, it } from "vitest";
import { latencySummary, percentile, recordTiming, resetTimings, summarize, timed, WINDOW_MS } from "./recorder";
import { THRESHOLDS, statusFor } from "./status";

describe("latency recorder", () => {
  beforeEach(() => resetTimings());

  it("computes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(summarize([3, 1, 2])).toEqual({ count: 3, p50_ms: 2, p95_ms: 3 });
  });

  it("summarises only the last 15 minutes", () => {
    const now = 10 * WINDOW_MS;
    recordTiming("mark", 1000, now - WINDOW_MS - 1); // too old
    for (let i = 1; i <= 20; i++) recordTiming("mark", i, now - i * 1000);
    recordTiming("mark", 5000, now + 1000); // in the future of `now`: not counted
    const s = latencySummary("mark", now);
    expect(s).toEqual({ count: 20, p50_ms: 10, p95_ms: 19 });
    expect(latencySummary("login", now)).toEqual({ count: 0, p50_ms: null, p95_ms: null });
  });

  it("ignores nonsense and keeps metrics apart", () => {
    recordTiming("login", Number.NaN);
    recordTiming("login", -1);
    recordTiming("qr_verification", 2);
    expect(latencySummary("login").count).toBe(0);
    expect(latencySummary("qr_verification").count).toBe(1);
  });

  it("is a ring: old entries are overwritten, memory stays bounded", () => {
    const now = Date.now();
    for (let i = 0; i < 25_000; i++) recordTiming("mark", 1, now);
    expect(latencySummary("mark", now).count).toBe(20_000);
  });

  it("times async work", async () => {
    const value = await timed("qr_verification", async () => 42);
    expect(value).toBe(42);
    expect(latencySummary("qr_verification").count).toBe(1);
  });
});

describe("statusFor", () => {
  it("is green below target, amber up to critical, red above, unknown without data", () => {
    expect(statusFor(199, THRESHOLDS.qr_verification)).toBe("green");
    expect(statusFor(200, THRESHOLDS.qr_verification)).toBe("amber");
    expect(statusFor(500, THRESHOLDS.qr_verification)).toBe("amber");
    expect(statusFor(501, THRESHOLDS.qr_verification)).toBe("red");
    expect(statusFor(null, THRESHOLDS.login)).toBe("unknown");
    expect(statusFor(21, THRESHOLDS.login_failures_per_ip)).toBe("red");
    expect(statusFor(4.9, THRESHOLDS.failed_qr_rate)).toBe("green");
  });
});
