// A phone's camera app opened a projected code's URL.
import type { NextRequest } from "next/server";
import { linkPayload, openScanLink } from "@/lib/attendance/scan-link";
import { authenticate } from "@/lib/auth/authenticate";
import { contextFromHeaders } from "@/lib/context";
import { linkResponse } from "@/lib/http-redirect";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ payload: string }> }) {
  const ctx = await contextFromHeaders(req.headers);
  const user = await authenticate(req, ctx).catch(() => null);
  const { payload } = await params;
  return linkResponse(await openScanLink(ctx, user, linkPayload(payload)), ctx.config.APP_URL.startsWith("https://"));
}
