// The request gate's access rule for pages (proxy.ts): a cheap first check on the next-auth
// JWT cookie (signature and expiry; no database). Pages re-check the session row and ask the
// policy (requirePageCapability, docs/design.md#roles-and-permissions), so a revoked session or a
// demoted instructor is still stopped on render. /admin/** is the staff area: admins,
// instructors, and students who assist a course (a role the cookie cannot know), so the gate
// only asks for a sign-in there; students never meet a staff page they may not open, because
// each page answers with the plain "not allowed" or not-found page.
// Gated: /admin/**, /home/** and /security (signed in). Public on purpose: /, /login,
// /signup, /pending, and /scan and /s/<payload>, where logged-out phones receive scan receipts.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "../config";

export function gateRule(pathname: string): "staff" | "user" | null {
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return "staff";
  if (pathname === "/home" || pathname.startsWith("/home/") || pathname === "/security") return "user";
  return null;
}

export async function gatePage(request: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = request.nextUrl;
  const rule = gateRule(pathname);
  if (!rule) return null;
  const config = getConfig();
  const token = await getToken({ req: request, secret: config.nextAuthSecret, secureCookie: config.APP_URL.startsWith("https://") });
  if (!token || typeof token.sid !== "string") {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return null;
}
