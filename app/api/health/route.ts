import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

// Not wrapped in route(): health must answer (503) even when no database context can be built.
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
