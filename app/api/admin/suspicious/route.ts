import { route } from "@/lib/http";
import { EmptyQuery } from "@/lib/common-schemas";
import { findSuspiciousActivity } from "@/lib/audit/suspicious";

export const GET = route({ operation: "GET /api/admin/suspicious", query: EmptyQuery }, ({ ctx }) => findSuspiciousActivity(ctx));
