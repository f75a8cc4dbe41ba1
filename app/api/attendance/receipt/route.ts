import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { completeScanReceipt, RECEIPT_COOKIE } from "@/lib/attendance/scan-receipt";
import { AppError } from "@/lib/errors";

/** Complete a pending scan receipt (cookie) for the logged-in student; the cookie is cleared. */
export const POST = route({ operation: "POST /api/attendance/receipt" }, async ({ req, ctx, user }) => {
  const cookie = req.cookies.get(RECEIPT_COOKIE)?.value;
  if (!cookie) throw new AppError("receipt_invalid", "There is no pending scan on this phone.");
  const result = await completeScanReceipt(ctx, user, cookie);
  const res = NextResponse.json(result, { status: "already_marked" in result ? 200 : 201 });
  res.cookies.set(RECEIPT_COOKIE, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax" });
  return res;
});
