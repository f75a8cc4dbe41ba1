// The request gate (Next 16 renamed middleware.ts to proxy.ts; it runs on Node.js).
// Composes small steps, each in its own module: page access (lib/auth/gate.ts), security
// headers with a per-request CSP nonce (lib/security/headers.ts), and a random per-browser
// device id cookie used to flag one phone marking for two accounts and to bind scan receipts to
// the browser that scanned. Access is enforced again inside every page and route.
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "./lib/config";
import { gatePage } from "./lib/auth/gate";
import { applySecurityHeaders, newNonce, nonceRequestHeaders, pageCsp } from "./lib/security/headers";
import { isSameSiteWrite } from "./lib/security/same-origin";

const DEVICE_COOKIE = "rc_device";
const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * A browser without a device id gets one, on the request as well as the response: the page or
 * route serving this very request already sees it (a scan receipt is bound to it).
 */
function newDeviceId(request: NextRequest): string | null {
  if (request.cookies.get(DEVICE_COOKIE)) return null;
  const id = crypto.randomUUID().replaceAll("-", "");
  request.cookies.set(DEVICE_COOKIE, id); // rewrites the request's Cookie header, copied below
  return id;
}

function setDeviceCookie(request: NextRequest, response: NextResponse, id: string): void {
  response.cookies.set(DEVICE_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    path: "/",
    maxAge: ONE_YEAR,
  });
}

/**
 * A write to a page is a server action, which acts with the session cookie: with that cookie it
 * must come from this site (lib/security/same-origin.ts), checked against APP_URL before Next's
 * own check (which compares Origin with Host, lets a request without Origin through, and answers
 * a 500).
 */
function crossSiteRefusal(request: NextRequest, appUrl: string): NextResponse | null {
  if (isSameSiteWrite(request.method, request.headers, appUrl)) return null;
  if (!request.cookies.getAll().some((c) => c.name.includes("next-auth.session-token"))) return null;
  return NextResponse.json(
    { error: { code: "cross_site_request", message: "This request came from another site; repeat it from Rollcall's own pages." } },
    { status: 403 },
  );
}

export async function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = newNonce();
  const device = newDeviceId(request);
  const csp = pageCsp({ nonce, dev: config.APP_ENV === "development", https: config.APP_URL.startsWith("https://") });
  const response =
    crossSiteRefusal(request, config.APP_URL) ??
    (await gatePage(request)) ??
    NextResponse.next({ request: { headers: nonceRequestHeaders(request, csp, nonce) } });
  if (device) setDeviceCookie(request, response, device);
  return applySecurityHeaders(request, response, csp, config);
}

export const config = {
  // Pages only: not static assets or the JSON API.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|zxing/|fonts/).*)"],
};
