import { describe, expect, it } from "vitest";
import { approvalExpiresAt, effectiveApprovalStatus, isApprovalExpired, secondsUntilExpiry } from "./approval-expiry";

const t0 = new Date("2026-01-10T10:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const pending = { status: "pending" as const, expiresAt: approvalExpiresAt(t0, 3) };

describe("approval expiry", () => {
  it("expires APPROVAL_TIMEOUT_MINUTES after the request", () => {
    expect(pending.expiresAt.toISOString()).toBe("2026-01-10T10:03:00.000Z");
  });

  it("a pending request is live until expires_at, and expired from that instant", () => {
    expect(isApprovalExpired(pending, at(179_999))).toBe(false);
    expect(effectiveApprovalStatus(pending, at(179_999))).toBe("pending");
    expect(isApprovalExpired(pending, at(180_000))).toBe(true);
    expect(effectiveApprovalStatus(pending, at(180_000))).toBe("expired");
  });

  it("decided requests keep their status whatever the time", () => {
    expect(effectiveApprovalStatus({ ...pending, status: "approved" }, at(3_600_000))).toBe("approved");
    expect(effectiveApprovalStatus({ ...pending, status: "rejected" }, at(3_600_000))).toBe("rejected");
    expect(isApprovalExpired({ ...pending, status: "expired" }, t0)).toBe(true);
  });

  it("counts whole seconds remaining, rounding up, and 0 once not pending", () => {
    expect(secondsUntilExpiry(pending, t0)).toBe(180);
    expect(secondsUntilExpiry(pending, at(179_001))).toBe(1);
    expect(secondsUntilExpiry(pending, at(180_000))).toBe(0);
    expect(secondsUntilExpiry({ ...pending, status: "approved" }, t0)).toBe(0);
  });
});
