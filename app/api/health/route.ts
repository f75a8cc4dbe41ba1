import { Reply, route } from "@/lib/http";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "none" }, async () => {
  const health = await checkHealth();
  return new Reply(health, health.database === "ok" ? 200 : 503, { "cache-control": "no-store" });
});
