// Approval expiry is evaluated from the stored times, so it holds without a background job
// and across restarts: a "pending" row past expires_at IS expired, whatever its column says.
import { addMinutes } from "../clock";

export interface ApprovalTimes {
  status: "pending" | "approved" | "rejected" | "expired";
  expiresAt: Date;
}

export function approvalExpiresAt(requestedAt: Date, timeoutMinutes: number): Date {
  return addMinutes(requestedAt, timeoutMinutes);
}

export function isApprovalExpired(request: ApprovalTimes, now: Date): boolean {
  return request.status === "expired" || (request.status === "pending" && request.expiresAt.getTime() <= now.getTime());
}

/** The status as of `now`: a pending request past its expiry reports "expired". */
export function effectiveApprovalStatus(request: ApprovalTimes, now: Date): ApprovalTimes["status"] {
  return isApprovalExpired(request, now) ? "expired" : request.status;
}

/** Whole seconds left to decide (0 once expired or decided). */
export function secondsUntilExpiry(request: ApprovalTimes, now: Date): number {
  if (effectiveApprovalStatus(request, now) !== "pending") return 0;
  return Math.max(0, Math.ceil((request.expiresAt.getTime() - now.getTime()) / 1000));
}
