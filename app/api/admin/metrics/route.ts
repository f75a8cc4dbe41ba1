import { route } from "@/lib/http";
import { EmptyQuery } from "@/lib/common-schemas";
import { collectMetrics } from "@/lib/metrics/collect-metrics";

export const GET = route({ auth: "admin", query: EmptyQuery }, ({ ctx }) => collectMetrics(ctx));
