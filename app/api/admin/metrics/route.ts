import { route } from "@/lib/http";
import { collectMetrics } from "@/lib/metrics/collect-metrics";

export const GET = route({ auth: "admin" }, ({ ctx }) => collectMetrics(ctx));
