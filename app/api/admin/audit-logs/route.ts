import { route } from "@/lib/http";
import { listAuditLogs } from "@/lib/audit/list-audit-logs";
import { AuditLogQuery } from "@/lib/audit/schemas";

export const GET = route({ operation: "GET /api/admin/audit-logs", query: AuditLogQuery }, ({ ctx, query }) => listAuditLogs(ctx, query));
