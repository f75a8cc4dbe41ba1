// The request gate (Next 16 renamed middleware.ts to proxy.ts; it runs on Node.js).
// It gives every browser a random device id cookie, used to flag one phone marking for
// two accounts. Access control is enforced again inside every route, page and action.
import { NextResponse, type NextRequest } from "next/server";

const DEVICE_COOKIE = "rc_device";
const ONE_YEAR = 60 * 60 * 24 * 365;

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (!request.cookies.get(DEVICE_COOKIE)) {
    response.cookies.set(DEVICE_COOKIE, crypto.randomUUID().replaceAll("-", ""), {
      httpOnly: true,
      sameSite: "lax",
      secure: request.nextUrl.protocol === "https:",
      path: "/",
      maxAge: ONE_YEAR,
    });
  }
  return response;
}

export const config = {
  // Pages only: not static assets or the JSON API.
  matcher: ["/((?!api/|_next/|favicon.ico|zxing/|fonts/).*)"],
};
