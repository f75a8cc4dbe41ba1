// After login: complete the mark from the scan receipt, as of the scan time.
import type { NextRequest } from "next/server";
import { finishScanLink } from "@/lib/attendance/scan-link";
import { RECEIPT_COOKIE } from "@/lib/attendance/scan-receipt";
import { authenticate } from "@/lib/auth/authenticate";
import { contextFromHeaders } from "@/lib/context";
import { linkResponse } from "@/lib/http-redirect";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const ctx = await contextFromHeaders(req.headers);
  const user = await authenticate(req, ctx).catch(() => null);
  const cookie = req.cookies.get(RECEIPT_COOKIE)?.value ?? null;
  return linkResponse(await finishScanLink(ctx, user, cookie), ctx.config.APP_URL.startsWith("https://"));
}
