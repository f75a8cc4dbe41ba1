// The JSON shapes (snake_case, as in the seed) of users and approval requests.
import type { z } from "zod";
import { effectiveApprovalStatus, secondsUntilExpiry } from "./approval-expiry";
import type { ApprovalOut, UserOut } from "./schemas";
import type { Role } from "../auth/policy";

export interface UserRow {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  status: "pending" | "active" | "rejected" | "expired" | "deactivated";
}

export function presentUser(u: UserRow): z.output<typeof UserOut> {
  return { id: u.id, email: u.email, full_name: u.fullName, role: u.role, status: u.status };
}
export type UserJson = z.output<typeof UserOut>;

export interface ApprovalRow {
  id: string;
  status: "pending" | "approved" | "rejected" | "expired";
  requestedAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  approvedRole: Role | null;
  reason: string | null;
  user?: { id: string; email: string; fullName: string } | null;
  decidedBy?: { id: string; email: string; fullName: string } | null;
  course?: { id: string; code: string; title: string } | null;
}

const person = (p: { id: string; email: string; fullName: string }) => ({ id: p.id, email: p.email, full_name: p.fullName });

export function presentApproval(r: ApprovalRow, now: Date): z.output<typeof ApprovalOut> {
  return {
    id: r.id,
    status: effectiveApprovalStatus(r, now),
    requested_at: r.requestedAt.toISOString(),
    expires_at: r.expiresAt.toISOString(),
    seconds_remaining: secondsUntilExpiry(r, now),
    decided_at: r.decidedAt?.toISOString() ?? null,
    approved_role: r.approvedRole,
    reason: r.reason,
    ...(r.user !== undefined ? { user: r.user ? person(r.user) : null } : {}),
    ...(r.decidedBy !== undefined ? { decided_by: r.decidedBy ? person(r.decidedBy) : null } : {}),
    ...(r.course !== undefined ? { course: r.course ? { id: r.course.id, code: r.course.code, title: r.course.title } : null } : {}),
  };
}
export type ApprovalJson = z.output<typeof ApprovalOut>;
