import type { Metadata } from "next";
import { ApprovalsPanel } from "@/components/admin/ApprovalsPanel";
import { listApprovalRequests } from "@/lib/accounts/list-approval-requests";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { ctx } = await requirePageUser("admin", "/admin/approvals");
  const initial = await listApprovalRequests(ctx, { limit: 100 });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Signup approvals</h1>
        <p className="text-slate-600">Requests expire {ctx.config.APPROVAL_TIMEOUT_MINUTES} minutes after signup. This list updates by itself.</p>
      </div>
      <ApprovalsPanel initial={initial} />
    </div>
  );
}
