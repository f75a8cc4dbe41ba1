// The signed-in browser user for server components and server actions.
// Same session-row check as the API (lib/auth/authenticate.ts): revocation applies at once.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { contextFromHeaders, type Ctx } from "../context";
import { isAppError } from "../errors";
import { browserSessionId, userForSession, type AuthUser } from "./authenticate";

/** The request context and user of the current page/action request (user null when signed out). */
export async function currentRequest(): Promise<{ ctx: Ctx; user: AuthUser | null }> {
  const h = await headers();
  const ctx = await contextFromHeaders(h);
  const jar = await cookies();
  // getToken only needs cookies and headers from its `req`.
  const req = { headers: h, cookies: jar } as unknown as NextRequest;
  const browser = await browserSessionId(req, ctx);
  if (!browser) return { ctx, user: null };
  try {
    return { ctx, user: await userForSession(ctx, browser.sessionId, browser.userId) };
  } catch (error) {
    // an ended session or a deactivated account: the browser is simply signed out
    if (isAppError(error) && (error.status === 401 || error.code === "account_deactivated")) return { ctx, user: null };
    throw error;
  }
}

export async function getCurrentUser(): Promise<AuthUser | null> {
  return (await currentRequest()).user;
}

/** For pages: send signed-out visitors to /login and the wrong role home. */
export async function requirePageUser(role?: "student" | "admin", returnTo?: string): Promise<{ ctx: Ctx; user: AuthUser }> {
  const { ctx, user } = await currentRequest();
  if (!user) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
  if (role && user.role !== role) redirect(user.role === "admin" ? "/admin" : "/home");
  return { ctx, user };
}
