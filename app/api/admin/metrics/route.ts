import { route } from "@/lib/http";
import { EmptyQuery } from "@/lib/common-schemas";
import { collectMetrics } from "@/lib/metrics/collect-metrics";

export const GET = route({ operation: "GET /api/admin/metrics", query: EmptyQuery }, ({ ctx }) => collectMetrics(ctx));
