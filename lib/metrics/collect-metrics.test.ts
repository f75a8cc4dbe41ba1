import { describe, expect, it } from "vitest";
import { backupStatus, eventLoopStatus } from "./collect-metrics";

const now = new Date("2026-05-01T12:00:00Z");
const run = (hoursAgo: number, ok = true) => ({
  startedAt: new Date(now.getTime() - hoursAgo * 3_600_000),
  finishedAt: new Date(now.getTime() - hoursAgo * 3_600_000 + 1000),
  ok,
  file: "/b/x.db",
  sizeBytes: 10,
  error: ok ? null : "disk full",
});

describe("backupStatus", () => {
  it("is green within one interval, amber within two, red beyond or on failure", () => {
    expect(backupStatus(run(3), now, 24, true).status).toBe("green");
    expect(backupStatus(run(30), now, 24, true).status).toBe("amber");
    expect(backupStatus(run(49), now, 24, true).status).toBe("red");
    expect(backupStatus(run(1, false), now, 24, true)).toMatchObject({ status: "red", last: { ok: false, error: "disk full" } });
  });

  it("without any run: amber when scheduled, unknown when not configured", () => {
    expect(backupStatus(null, now, 24, true).status).toBe("amber");
    expect(backupStatus(null, now, 24, false)).toEqual({ configured: false, interval_hours: 24, last: null, status: "unknown" });
  });
});

describe("eventLoopStatus", () => {
  const minute = (max: number) => ({ window_seconds: 70, max_delay_ms: max, p99_delay_ms: Math.min(max, 20) });
  it("is green under 100 ms of stall, amber up to 500, red beyond, and null when not measured", () => {
    expect(eventLoopStatus(minute(67))).toMatchObject({ max_delay_ms: 67, status: "green", threshold: { target: 100, critical: 500, unit: "ms" } });
    expect(eventLoopStatus(minute(250))?.status).toBe("amber");
    expect(eventLoopStatus(minute(1677))?.status).toBe("red");
    expect(eventLoopStatus(null)).toBeNull();
  });
});
