import type { Metadata } from "next";
import { ApprovalsPanel } from "@/components/admin/ApprovalsPanel";
import { listApprovalRequests } from "@/lib/accounts/list-approval-requests";
import { requirePageCapability } from "@/lib/auth/current-user";
import { allows } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { ctx, user } = await requirePageCapability("approvals:view", undefined, "/admin/approvals");
  const initial = await listApprovalRequests(ctx, user, { limit: 100 });
  // those who grant staff roles (admins) decide every signup, as student, instructor or admin
  const grantsStaff = allows(user, "users:manage", { kind: "site" });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Signup approvals</h1>
        <p className="text-slate-600">
          Requests expire {ctx.config.APPROVAL_TIMEOUT_MINUTES} minutes after signup. This list updates by itself.
          {!grantsStaff && " You see the signups that name a course you teach; an administrator decides the others."}
        </p>
      </div>
      <ApprovalsPanel initial={initial} grantsStaff={grantsStaff} />
    </div>
  );
}
