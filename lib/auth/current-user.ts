// The signed-in browser user for server components and server actions.
// Same session-row check as the API (lib/auth/authenticate.ts): revocation applies at once.
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { contextFromHeaders, type Ctx } from "../context";
import { isAppError } from "../errors";
import { browserSessionId, passwordChangeRequired, userForSession, type AuthUser } from "./authenticate";
import { requireCapability, SITE, type Target } from "./authorize";
import { homeFor } from "./safe-next";
import { isStaffRole, type Capability, type Role } from "./policy";

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

/**
 * For pages (and the checks below): send signed-out visitors to /login, (with `role`) anyone else
 * to their own start page, and a user who must change the password they were given (the quick
 * start's bootstrap admin) to /security whatever they asked for — the rule the API keeps (lib/http.ts).
 */
export async function requirePageUser(role?: Role, returnTo?: string, options: { beforePasswordChange?: boolean } = {}): Promise<{ ctx: Ctx; user: AuthUser }> {
  const { ctx, user } = await currentRequest();
  if (!user) redirect(returnTo ? `/login?next=${encodeURIComponent(returnTo)}` : "/login");
  if (user.mustChangePassword && !options.beforePasswordChange) redirect("/security");
  if (role && user.role !== role) redirect(homeFor(user.role));
  return { ctx, user };
}

/** Whether the account holds a role in some course (a student assisting one counts; lib/auth/policy.ts). */
export async function hasCourseRole(ctx: Ctx, user: AuthUser): Promise<boolean> {
  const roles = user.role === "student" ? (["assistant"] as const) : (["instructor", "assistant"] as const);
  return (await ctx.db.courseInstructor.count({ where: { userId: user.id, role: { in: [...roles] } }, take: 1 })) > 0;
}

/**
 * For the staff area (/admin/**): admins, instructors, and students who assist a course. Any
 * other student goes to their own start page (/home); signed-out visitors to /login.
 */
export async function requireStaffArea(returnTo?: string): Promise<{ ctx: Ctx; user: AuthUser }> {
  const { ctx, user } = await requirePageUser(undefined, returnTo);
  if (isStaffRole(user.role) || (await hasCourseRole(ctx, user))) return { ctx, user };
  redirect(homeFor(user.role));
}

/**
 * For pages: the policy's check (lib/auth/authorize.ts) for what the page shows. Signed out →
 * /login and back; a course or event the viewer has no part in → the not-found page (as the API
 * answers 404); a role that may not → the plain "not allowed" page (app/forbidden.tsx, 403).
 */
export async function requirePageCapability(capability: Capability, target: Target = SITE, returnTo?: string): Promise<{ ctx: Ctx; user: AuthUser }> {
  const { ctx, user } = await requirePageUser(undefined, returnTo);
  try {
    await requireCapability(ctx, user, capability, target);
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    if (isAppError(error) && error.status === 403) forbidden();
    throw error;
  }
  return { ctx, user };
}

/**
 * For server actions (public POST endpoints: each checks for itself): the signed-in user, when
 * the policy allows; otherwise the AppError (401/403/404) the action turns into its outcome.
 */
export async function requireActionCapability(capability: Capability, target: Target = SITE): Promise<{ ctx: Ctx; user: AuthUser }> {
  const { ctx, user } = await currentRequest();
  if (user?.mustChangePassword) throw passwordChangeRequired();
  await requireCapability(ctx, user, capability, target);
  return { ctx, user: user! };
}
