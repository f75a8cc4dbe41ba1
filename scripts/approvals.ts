// npm run approvals -- list | approve ID --role student|instructor|admin | reject ID [--reason TEXT]
// The approvals panel for an operator with a terminal: the same use cases as the panel and the
// API (listApprovalRequests, decideApproval), so a decision is the same conditional update, with
// the same audit entry (ip "cli", no actor) and the same notification to the student. Replaces
// hand-written UPDATEs, which would skip all three (docs/operations.md).
import { decideApproval } from "../lib/accounts/decide-approval";
import { listApprovalRequests } from "../lib/accounts/list-approval-requests";
import { ApprovalListQuery, DecisionBody, IdParams } from "../lib/accounts/schemas";
import { scriptContext } from "../lib/context";
import { AppError } from "../lib/errors";
import { cliArgs, runCli } from "./cli";

const USAGE = "usage: npm run approvals -- list [--status pending|approved|rejected|expired] | approve ID --role student|instructor|admin | reject ID [--reason TEXT]";

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (result.success) return result.data;
  throw new AppError("validation_failed", `${result.error.issues.map((i) => i.message).join("; ")}\n${USAGE}`);
}

runCli(async () => {
  const { values, positionals } = cliArgs({ role: { type: "string" }, reason: { type: "string" }, status: { type: "string" } });
  const [command, id, ...extra] = positionals;
  if (extra.length > 0) throw new AppError("validation_failed", USAGE);
  const ctx = await scriptContext();
  if (command === "list") {
    const query = parsed(ApprovalListQuery.safeParse({ status: values.status ?? "pending", limit: 200 }));
    const { items } = await listApprovalRequests(ctx, null, query);
    if (items.length === 0) console.log(`no ${query.status} approval requests`);
    for (const r of items) console.log(`${r.id}  ${r.status.padEnd(8)}  ${r.requested_at}  ${r.user?.email ?? "-"}  ${r.user?.full_name ?? ""}`);
    return;
  }
  if (command !== "approve" && command !== "reject") throw new AppError("validation_failed", USAGE);
  const { id: requestId } = parsed(IdParams.safeParse({ id }));
  const decision = parsed(
    DecisionBody.safeParse(
      command === "approve" ? { decision: "approved", approved_role: values.role } : { decision: "rejected", ...(values.reason ? { reason: values.reason } : {}) },
    ),
  );
  const { approval_request: r } = await decideApproval(ctx, { actor: null, requestId, ...decision });
  console.log(`${r.status}: ${r.user?.email ?? r.id}${r.approved_role ? ` as ${r.approved_role}` : ""}`);
});
